package io.emberpay.gateway.edge;

import java.util.Locale;
import java.util.regex.Pattern;

import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Routes match the path as sent, but a service's server normalises it: so
 * {@code /v1/payments/../../internal/...} would match the payment route and then reach an
 * internal endpoint. Only canonical paths pass (no dot segments, encoded dots, slashes or
 * backslashes, empty segments or matrix parameters), and {@code /internal} is never
 * served, whatever the route table says.
 */
@Component
class PathGuardFilter implements WebFilter, Ordered {

	private static final Pattern NON_CANONICAL = Pattern.compile("(^|/)\\.{1,2}(/|$)|%2e|%2f|%5c|\\\\|;|//|%00",
			Pattern.CASE_INSENSITIVE);

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 3;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String rawPath = exchange.getRequest().getURI().getRawPath();
		if (rawPath == null || NON_CANONICAL.matcher(rawPath).find()) {
			return ProblemWriter.write(exchange, GatewayError.INVALID_REQUEST, "The path is not in canonical form",
					null);
		}
		String path = rawPath.toLowerCase(Locale.ROOT);
		if (path.equals("/internal") || path.startsWith("/internal/")) {
			return ProblemWriter.write(exchange, GatewayError.NOT_FOUND, "No such path", null);
		}
		return chain.filter(exchange);
	}

}
