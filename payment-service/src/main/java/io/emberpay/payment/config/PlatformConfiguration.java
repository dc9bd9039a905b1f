package io.emberpay.payment.config;

import java.time.Clock;
import java.time.Duration;

import io.emberpay.starter.internal.InternalApiClient;
import io.emberpay.starter.security.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, the client for other services' internal APIs, and background jobs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	InternalApiClient internalApiClient(ServiceTokens tokens) {
		return new InternalApiClient(Duration.ofSeconds(1), tokens);
	}

}
