package io.emberpay.ledger.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring the ledger needs beyond what the starter auto-configures. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LedgerConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
