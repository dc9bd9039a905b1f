package io.emberpay.gateway.identity;

import java.util.Set;

import io.emberpay.gateway.config.ServiceDirectory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Vouches for every request routed to a platform service with the gateway's service token
 * for that service in {@code Emberpay-Edge-Token}, beside the caller's own credential:
 * only then does the service believe the {@code X-Client-Ip} the gateway set. A route's
 * service is its id in {@code emberpay.services} ({@code payment} →
 * {@code payment-service}).
 */
public final class EdgeTokenFilter implements GlobalFilter, Ordered {

	public static final String HEADER = "Emberpay-Edge-Token";

	private final GatewayServiceTokens tokens;

	private final Set<String> services;

	public EdgeTokenFilter(GatewayServiceTokens tokens, ServiceDirectory directory) {
		this.tokens = tokens;
		// only platform services take the gateway's word: the console has no identity
		this.services = Set.copyOf(directory.platformServices());
	}

	@Override
	public int getOrder() {
		// before the routing filters that send the request on
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !this.services.contains(route.getId())) {
			return chain.filter(withoutEdgeToken(exchange));
		}
		return this.tokens.tokenFor(route.getId() + "-service")
			.map(token -> exchange.mutate().request(request -> request.headers(h -> h.set(HEADER, token))).build())
			// without a token the request still goes on, as one the service does not
			// vouch for
			.onErrorResume(ex -> Mono.just(withoutEdgeToken(exchange)))
			.flatMap(chain::filter);
	}

	private static ServerWebExchange withoutEdgeToken(ServerWebExchange exchange) {
		if (!exchange.getRequest().getHeaders().containsHeader(HEADER)) {
			return exchange;
		}
		ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.remove(HEADER)).build();
		return exchange.mutate().request(request).build();
	}

}
