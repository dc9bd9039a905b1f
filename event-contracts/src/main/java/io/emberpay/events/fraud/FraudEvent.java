package io.emberpay.events.fraud;

import java.time.Instant;
import java.util.List;

import io.emberpay.events.EventType;
import io.emberpay.events.PlatformEvent;

/** Events of fraud-service, published on {@code fraud.events} keyed by payment id. */
public sealed interface FraudEvent extends PlatformEvent {

	/**
	 * A scored payment looked risky. {@code livemode} is the payment's mode, as
	 * payment-service stated it when asking for the score; it is null in alerts written
	 * before alerts carried it, and readers then treat the alert as a test one, so a live
	 * webhook endpoint never receives an alert whose mode nobody stated.
	 */
	@EventType("fraud.alert")
	record FraudAlert(String eventId, Instant occurredAt, String alertId, String payment, String merchant, String user,
			long amount, String currency, int score, String decision, List<String> reasons,
			Boolean livemode) implements FraudEvent {

		@Override
		public String aggregateId() {
			return payment;
		}

	}

	/**
	 * An operator gave a payment in review its verdict ({@code approve} or
	 * {@code decline}), once. payment-service lets the payment go on to the acquirer or
	 * fails it with {@code fraud_declined}. The operator's note stays in fraud-service's
	 * audit: it is free text and may name the customer.
	 */
	@EventType("fraud.review_decided")
	record ReviewDecided(String eventId, Instant occurredAt, String payment, String merchant, String verdict,
			String operator) implements FraudEvent {

		@Override
		public String aggregateId() {
			return payment;
		}

	}

}
