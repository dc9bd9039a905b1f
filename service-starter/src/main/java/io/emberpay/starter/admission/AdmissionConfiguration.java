package io.emberpay.starter.admission;

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

/** Bounded admission on every servlet service (see {@link AdmissionFilter}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionConfiguration {

	@Bean
	@ConditionalOnProperty(name = "emberpay.admission.enabled", havingValue = "true", matchIfMissing = true)
	FilterRegistrationBean<AdmissionFilter> admissionFilter(AdmissionProperties properties, MeterRegistry meters) {
		ConcurrencyLimit limit = new ConcurrencyLimit(properties.maxConcurrentRequests(), properties.maxQueueWait());
		Gauge.builder("emberpay.admission.in.flight", limit, ConcurrencyLimit::inUse)
			.description("API and internal requests being worked on")
			.register(meters);
		Gauge.builder("emberpay.admission.limit", limit, ConcurrencyLimit::places)
			.description("Requests admitted at once")
			.register(meters);
		Counter refused = Counter.builder("emberpay.admission.refused")
			.description("Requests refused with 503 because the service was at capacity")
			.register(meters);
		FilterRegistrationBean<AdmissionFilter> registration = new FilterRegistrationBean<>(
				new AdmissionFilter(limit, properties.retryAfter(), refused));
		// after the request id (HIGHEST_PRECEDENCE + 10), so the refusal carries one, and
		// before security, so a refused request costs no token check
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
