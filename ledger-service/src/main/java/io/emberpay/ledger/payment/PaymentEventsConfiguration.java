package io.emberpay.ledger.payment;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCanceled;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.starter.inbox.EventSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Subscribes the ledger to payment events. */
@Configuration(proxyBeanMethods = false)
class PaymentEventsConfiguration {

	static final String CONSUMER = "ledger-service";

	@Bean
	EventSubscription paymentEvents(PaymentPostings postings) {
		// payment.succeeded and payment.requires_action move no money: passed over
		// unrecorded
		return EventSubscription.of(CONSUMER, List.of(Topics.PAYMENTS), postings::handle, PaymentAuthorized.class,
				PaymentCaptured.class, PaymentCanceled.class, PaymentFailed.class, RefundSucceeded.class);
	}

}
