package io.emberpay.gateway.admission;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.emberpay.gateway.config.EdgeProperties;
import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.ProblemWriter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Admission control at the edge: each route has a bound on requests under way, and one
 * more is refused at once with {@code 503 service_unavailable} and {@code Retry-After},
 * before rate limiting, authentication or a connection to the service. Past capacity a
 * spike then costs the platform a few microseconds per refused request instead of a queue
 * that grows until every caller times out and breakers open against healthy services. The
 * services behind bound their own admission too (service-starter), as a second wall.
 */
@Component
class RouteAdmissionFilter implements GlobalFilter, Ordered {

	/** Before the per-IP rate limit (-300) and authentication (-200). */
	static final int ORDER = -400;

	private final EdgeProperties.Admission admission;

	private final Map<String, Bulkhead> places = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final Map<String, Counter> refused = new ConcurrentHashMap<>();

	RouteAdmissionFilter(EdgeProperties properties, MeterRegistry meters) {
		this.admission = properties.admission();
		this.meters = meters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return chain.filter(exchange);
		}
		String id = route.getId();
		Bulkhead routePlaces = this.places.computeIfAbsent(id, this::register);
		if (!routePlaces.tryAcquirePermission()) {
			this.refused.computeIfAbsent(id, this::refusals).increment();
			return ProblemWriter.write(exchange, GatewayError.SERVICE_UNAVAILABLE,
					"The platform is at capacity; nothing was done, retry after the delay given",
					this.admission.retryAfter());
		}
		return chain.filter(exchange).doFinally(signal -> routePlaces.onComplete());
	}

	private Bulkhead register(String route) {
		int limit = this.admission.limitFor(route);
		Bulkhead routePlaces = Bulkhead.of("gateway-" + route,
				BulkheadConfig.custom()
					.maxConcurrentCalls(limit)
					.maxWaitDuration(Duration.ZERO)
					.writableStackTraceEnabled(false)
					.build());
		Gauge
			.builder("emberpay.gateway.admission.in.flight", routePlaces,
					bulkhead -> limit - bulkhead.getMetrics().getAvailableConcurrentCalls())
			.description("Requests under way per route")
			.tag("route", route)
			.register(this.meters);
		return routePlaces;
	}

	private Counter refusals(String route) {
		return Counter.builder("emberpay.gateway.admission.refused")
			.description("Requests refused with 503 because the route was at capacity")
			.tag("route", route)
			.register(this.meters);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
