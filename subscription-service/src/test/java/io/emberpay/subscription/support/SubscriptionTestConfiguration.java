package io.emberpay.subscription.support;

import io.emberpay.subscription.renewal.OffSessionCharger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The test clock and the acquirer stand-in, preferred over the service's own beans. */
@TestConfiguration(proxyBeanMethods = false)
public class SubscriptionTestConfiguration {

	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
	}

	@Bean
	@Primary
	OffSessionCharger testAcquirer() {
		return new TestAcquirer();
	}

}
