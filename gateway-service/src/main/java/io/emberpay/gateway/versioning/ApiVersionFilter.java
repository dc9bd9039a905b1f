package io.emberpay.gateway.versioning;

import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@code Emberpay-Version} on the API: a request names the dated version it was written
 * against, or gets the current one. An unknown version is refused with a 400 problem
 * before anything is routed, rather than answered in a shape the client does not expect.
 * The version in force is answered back and forwarded to the service: the one named, or
 * else the merchant's pinned one ({@link VersionPinning}), or else the current one.
 */
@Component
class ApiVersionFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		// after request ids, client addresses, the path guard and the body limit
		return Ordered.HIGHEST_PRECEDENCE + 6;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!request.getPath().value().startsWith("/v1/")) {
			return chain.filter(exchange);
		}
		String requested = request.getHeaders().getFirst(ApiVersions.HEADER);
		return ApiVersions.resolve(requested).map((version) -> {
			exchange.getResponse().getHeaders().set(ApiVersions.HEADER, version);
			if (requested == null || requested.isBlank()) {
				// a merchant's pinned version replaces it once its key is verified
				exchange.getAttributes().put(VersionPinning.UNNAMED, Boolean.TRUE);
			}
			if (version.equals(requested)) {
				return chain.filter(exchange);
			}
			return chain.filter(exchange.mutate()
				.request(request.mutate().headers((headers) -> headers.set(ApiVersions.HEADER, version)).build())
				.build());
		})
			.orElseGet(() -> ProblemWriter.write(exchange, GatewayError.INVALID_REQUEST,
					ApiVersions.HEADER + " names no version of the API; the versions are " + ApiVersions.SUPPORTED
							+ " (docs/changelog.md)",
					null));
	}

}
