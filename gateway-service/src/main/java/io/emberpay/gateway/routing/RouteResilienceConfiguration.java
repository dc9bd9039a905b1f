package io.emberpay.gateway.routing;

import io.emberpay.gateway.config.EdgeProperties;
import io.emberpay.gateway.config.ServiceDirectory;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker per route, named after the service, with that service's timeout as
 * its time limit: a slow service answers the client a 503 instead of holding it.
 */
@Configuration(proxyBeanMethods = false)
class RouteResilienceConfiguration {

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakers(ServiceDirectory directory,
			EdgeProperties properties) {
		EdgeProperties.CircuitBreaker breaker = properties.circuitBreaker();
		CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.custom()
			.failureRateThreshold(breaker.failureRateThreshold())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumNumberOfCalls())
			.waitDurationInOpenState(breaker.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
			.build();
		return factory -> directory.services()
			.forEach((name,
					endpoint) -> factory.configure(builder -> builder.circuitBreakerConfig(circuitBreaker)
						.timeLimiterConfig(TimeLimiterConfig.custom()
							.timeoutDuration(endpoint.timeout())
							.cancelRunningFuture(true)
							.build()), name));
	}

}
