package io.emberpay.starter.admission;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Bounded admission on every servlet service (see {@link AdmissionFilter}): a
 * resilience4j semaphore bulkhead, fair, so a request that has waited is not overtaken by
 * one that just arrived and no wait exceeds {@code max-queue-wait}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionConfiguration {

	@Bean
	@ConditionalOnProperty(name = "emberpay.admission.enabled", havingValue = "true", matchIfMissing = true)
	FilterRegistrationBean<AdmissionFilter> admissionFilter(AdmissionProperties properties, MeterRegistry meters) {
		Bulkhead places = Bulkhead.of("admission",
				BulkheadConfig.custom()
					.maxConcurrentCalls(properties.maxConcurrentRequests())
					.maxWaitDuration(properties.maxQueueWait())
					.fairCallHandlingStrategyEnabled(true)
					.writableStackTraceEnabled(false)
					.build());
		Gauge
			.builder("emberpay.admission.in.flight", places,
					bulkhead -> properties.maxConcurrentRequests()
							- bulkhead.getMetrics().getAvailableConcurrentCalls())
			.description("API and internal requests being worked on")
			.register(meters);
		Gauge
			.builder("emberpay.admission.limit", places,
					bulkhead -> bulkhead.getMetrics().getMaxAllowedConcurrentCalls())
			.description("Requests admitted at once")
			.register(meters);
		Counter refused = Counter.builder("emberpay.admission.refused")
			.description("Requests refused with 503 because the service was at capacity")
			.register(meters);
		FilterRegistrationBean<AdmissionFilter> registration = new FilterRegistrationBean<>(
				new AdmissionFilter(places, properties.retryAfter(), refused));
		// after the request id (HIGHEST_PRECEDENCE + 10), so the refusal carries one, and
		// before security, so a refused request costs no token check
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
