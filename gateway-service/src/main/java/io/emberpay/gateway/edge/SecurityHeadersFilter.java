package io.emberpay.gateway.edge;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Security headers on every response, whatever the service behind set. API answers
 * (tokens, cards, payments) are never stored by a cache or shown in a frame.
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			// the canonical path, known by now unless the request was refused before it
			boolean api = CanonicalPathFilter.of(exchange).startsWith("/v1/");
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
			headers.set("X-Content-Type-Options", "nosniff");
			headers.set("X-Frame-Options", "DENY");
			headers.set("Referrer-Policy", "no-referrer");
			if (api) {
				headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
				headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
