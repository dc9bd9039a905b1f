package io.emberpay.ledger.dispute;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.events.dispute.DisputeClosed;
import io.emberpay.events.dispute.DisputeCreated;
import io.emberpay.starter.inbox.EventSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Subscribes the ledger to the dispute events that move money. */
@Configuration(proxyBeanMethods = false)
class DisputeEventsConfiguration {

	static final String CONSUMER = "ledger-service-disputes";

	@Bean
	EventSubscription disputeEvents(DisputePostings postings) {
		return EventSubscription.of(CONSUMER, List.of(Topics.PAYMENTS), postings::handle, DisputeCreated.class,
				DisputeClosed.class);
	}

}
