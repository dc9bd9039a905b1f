package io.emberpay.payment.psp;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the acquirers behind their guards. Every resilience4j option is set here from
 * {@link PspProperties}, so what runs in production is what the configuration says.
 */
@Configuration(proxyBeanMethods = false)
class PspConfiguration {

	@Bean
	CircuitBreakerRegistry pspBreakers(PspProperties properties, MeterRegistry meters) {
		PspProperties.Resilience r = properties.resilience();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(r.breakerWindowSize())
			.minimumNumberOfCalls(r.breakerMinimumCalls())
			.failureRateThreshold(r.breakerFailureRatePercent())
			.slowCallRateThreshold(r.breakerSlowCallRatePercent())
			.slowCallDurationThreshold(r.breakerSlowCallDuration())
			.waitDurationInOpenState(r.breakerOpenDuration())
			.permittedNumberOfCallsInHalfOpenState(r.breakerHalfOpenCalls())
			.maxWaitDurationInHalfOpenState(Duration.ZERO)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.recordExceptions(PspUnreachableException.class, PspOutcomeUnknownException.class, TimeoutException.class)
			.ignoreExceptions(PspRejectedException.class, PspAnswerPendingException.class)
			.writableStackTraceEnabled(false)
			.build();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry;
	}

	@Bean
	PspRouter pspRouter(PspProperties properties, CircuitBreakerRegistry breakers, MeterRegistry meters,
			ObjectProvider<PspConnector> acquirers, AcquirerRoutingStates states) {
		PspProperties.Resilience r = properties.resilience();
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		// The HTTP timeout is a backstop only; the time limiter cancels the exchange
		// first.
		Duration requestTimeout = r.timeout().plusSeconds(1);
		// The simulator's two acquirers unless a deployment has none (production); real
		// acquirers when their configuration enables them.
		List<PspConnector> connectors = new ArrayList<>();
		if (properties.simulatorAcquirers()) {
			connectors.add(new PspAConnector(http, properties.baseUrl(), requestTimeout));
			connectors.add(new PspBConnector(http, properties.baseUrl(), requestTimeout));
		}
		acquirers.orderedStream().forEach(connectors::add);
		RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(r.retryMaxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(r.retryInitialInterval(), r.retryMultiplier(),
					r.retryRandomization()))
			.retryExceptions(PspUnreachableException.class, PspOutcomeUnknownException.class, TimeoutException.class)
			.ignoreExceptions(PspRejectedException.class)
			.failAfterMaxAttempts(false)
			.writableStackTraceEnabled(false)
			.build());
		BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
			.maxConcurrentCalls(r.bulkheadMaxConcurrentCalls())
			.maxWaitDuration(r.bulkheadMaxWait())
			.fairCallHandlingStrategyEnabled(true)
			.writableStackTraceEnabled(false)
			.build());
		TimeLimiterRegistry limiters = TimeLimiterRegistry
			.of(TimeLimiterConfig.custom().timeoutDuration(r.timeout()).cancelRunningFuture(true).build());
		TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
		TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
		Map<String, PspChannel> channels = new LinkedHashMap<>();
		for (PspConnector connector : connectors) {
			String name = connector.name();
			channels.put(name, new PspChannel(connector, retries.retry(name), breakers.circuitBreaker(name),
					bulkheads.bulkhead(name), limiters.timeLimiter(name)));
		}
		properties.routing().values().forEach(route -> {
			if (!channels.containsKey(route.primary())
					|| (route.secondary() != null && !channels.containsKey(route.secondary()))
					|| !channels.keySet().containsAll(route.allAcquirers())) {
				throw new IllegalArgumentException("emberpay.psp.routing names an unknown acquirer: " + route);
			}
		});
		properties.fees().keySet().forEach(name -> {
			if (!channels.containsKey(name)) {
				throw new IllegalArgumentException("emberpay.psp.fees names an unknown acquirer: " + name);
			}
		});
		if (properties.routeFor("any") == null) {
			throw new IllegalArgumentException("emberpay.psp.routing needs a 'default' route");
		}
		return new PspRouter(channels, properties, meters, states);
	}

}
