package io.emberpay.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;

import io.emberpay.gateway.config.EdgeProperties;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Services trust {@code X-Client-Ip} for fraud scoring, so only the gateway may set it:
 * every client-sent header that claims an address or an internal origin is dropped and
 * {@code X-Client-Ip} is set to the address the gateway saw.
 *
 * <p>
 * This is the one rewrite of the request's headers at the edge: the request id and
 * {@code traceparent} of {@link RequestCorrelationFilter} are written here too, since
 * every rewrite copies all the headers and re-parses the path.
 */
@Component
public class ClientAddressFilter implements WebFilter, Ordered {

	public static final String CLIENT_IP_HEADER = "X-Client-Ip";

	static final String ATTRIBUTE = ClientAddressFilter.class.getName();

	private static final List<String> ADDRESS_HEADERS = List.of(CLIENT_IP_HEADER, "X-Real-Ip", "Forwarded",
			"X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix",
			"True-Client-Ip", "CF-Connecting-IP");

	private static final List<String> INTERNAL_PREFIXES = List.of("x-emberpay-", "x-internal-");

	/**
	 * The gateway's own token for the service behind (set by
	 * {@code io.emberpay.gateway.identity.EdgeTokenFilter}): never taken from a client.
	 */
	private static final String EDGE_TOKEN_HEADER = "Emberpay-Edge-Token";

	private final int trustedProxyHops;

	ClientAddressFilter(EdgeProperties properties) {
		this.trustedProxyHops = properties.trustedProxyHops();
	}

	/** The client address the edge decided on. */
	public static String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 4;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String clientIp = clientIp(request);
		exchange.getAttributes().put(ATTRIBUTE, clientIp);
		ServerHttpRequest forwarded = request.mutate().headers(headers -> {
			ADDRESS_HEADERS.forEach(headers::remove);
			headers.remove(EDGE_TOKEN_HEADER);
			headers.headerNames().removeIf(ClientAddressFilter::claimsInternalOrigin);
			headers.set(CLIENT_IP_HEADER, clientIp);
			RequestCorrelationFilter.forwardUpstream(exchange, headers);
		}).build();
		return chain.filter(exchange.mutate().request(forwarded).build());
	}

	private static boolean claimsInternalOrigin(String header) {
		for (String prefix : INTERNAL_PREFIXES) {
			if (header.regionMatches(true, 0, prefix, 0, prefix.length())) {
				return true;
			}
		}
		return false;
	}

	private String clientIp(ServerHttpRequest request) {
		if (this.trustedProxyHops > 0) {
			List<String> hops = forwardedFor(request.getHeaders());
			if (hops.size() >= this.trustedProxyHops) {
				return hops.get(hops.size() - this.trustedProxyHops);
			}
		}
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return "unknown";
		}
		return remote.getAddress().getHostAddress();
	}

	private static List<String> forwardedFor(HttpHeaders headers) {
		List<String> values = headers.getValuesAsList("X-Forwarded-For");
		return values.stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
	}

}
