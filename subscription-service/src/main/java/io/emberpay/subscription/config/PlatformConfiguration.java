package io.emberpay.subscription.config;

import java.time.Clock;
import java.time.Duration;

import io.emberpay.starter.internal.InternalApiClient;
import io.emberpay.starter.security.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The clock every billing decision reads (tests move it), the client for other services'
 * internal APIs, and the renewal schedule.
 */
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
