package io.emberpay.notification.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every schedule reads: one bean, so tests move time instead of waiting for it.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
