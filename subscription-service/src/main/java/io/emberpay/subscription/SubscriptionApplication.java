package io.emberpay.subscription;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Products, prices with tiers, subscriptions, invoices, renewals, dunning and
 * entitlements.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SubscriptionApplication {

	public static void main(String[] args) {
		SpringApplication.run(SubscriptionApplication.class, args);
	}

}
