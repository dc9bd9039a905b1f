package io.emberpay.ledger.payment;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.starter.inbox.EventSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Subscribes the ledger to payment events. */
@Configuration(proxyBeanMethods = false)
class PaymentEventsConfiguration {

	static final String CONSUMER = "ledger-service";

	@Bean
	EventSubscription paymentEvents(PaymentPostings postings) {
		return new EventSubscription(CONSUMER, List.of(Topics.PAYMENTS), postings::handle);
	}

}
