package io.emberpay.gateway.routing;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.emberpay.gateway.config.EdgeProperties;
import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a request its service did not answer: a 503
 * problem with {@code Retry-After}, so a client backs off instead of hanging. Reached
 * only by forwarding from a route; a client asking for the path directly gets a 404.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamFallback {

	static final String PATH = "/gateway/fallback";

	@Bean
	RouterFunction<ServerResponse> upstreamFallbackRoute(EdgeProperties properties) {
		Duration openRetryAfter = properties.circuitBreaker().waitInOpenState();
		return RouterFunctions.route(RequestPredicates.path(PATH),
				request -> respond(request.exchange(), openRetryAfter).then(Mono.empty()));
	}

	private static Mono<Void> respond(ServerWebExchange exchange, Duration openRetryAfter) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return ProblemWriter.write(exchange, GatewayError.NOT_FOUND, "No such path", null);
		}
		Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		String service = route.getId();
		if (cause instanceof CallNotPermittedException) {
			return ProblemWriter.write(exchange, GatewayError.SERVICE_UNAVAILABLE,
					"The " + service + " service is failing; requests are paused", openRetryAfter);
		}
		if (cause instanceof TimeoutException) {
			return ProblemWriter.write(exchange, GatewayError.SERVICE_UNAVAILABLE,
					"The " + service + " service did not answer in time", Duration.ofSeconds(2));
		}
		return ProblemWriter.write(exchange, GatewayError.SERVICE_UNAVAILABLE,
				"The " + service + " service cannot be reached", Duration.ofSeconds(2));
	}

}
