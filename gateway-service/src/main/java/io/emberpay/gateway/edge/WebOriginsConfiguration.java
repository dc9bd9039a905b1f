package io.emberpay.gateway.edge;

import java.util.List;

import io.emberpay.gateway.config.EdgeProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Browsers may call the API only from the configured web origins. Credentials travel in
 * the {@code Authorization} header, never in cookies, so none are allowed.
 */
@Configuration(proxyBeanMethods = false)
class WebOriginsConfiguration {

	@Bean
	// after the path is canonical
	@Order(Ordered.HIGHEST_PRECEDENCE + 3)
	CorsWebFilter corsWebFilter(EdgeProperties properties) {
		org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
		cors.setAllowedOrigins(properties.cors().allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id",
				"traceparent", "tracestate"));
		cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
				"RateLimit-Reset", "RateLimit-Policy", "Idempotent-Replayed"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(properties.cors().maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/v1/**", cors);
		source.registerCorsConfiguration("/.well-known/**", cors);
		return new CorsWebFilter(source);
	}

}
