package io.emberpay.notification.config;

import java.time.Clock;
import java.time.Duration;

import io.emberpay.starter.internal.InternalApiClient;
import io.emberpay.starter.security.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every schedule reads: one bean, so tests move time instead of waiting for it;
 * and the client of auth-service's internal API.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Calls to auth-service's internal API, with this service's token. */
	@Bean
	InternalApiClient internalApiClient(ServiceTokens tokens) {
		return new InternalApiClient(Duration.ofSeconds(1), tokens);
	}

}
