package io.emberpay.events.fraud;

import java.time.Instant;
import java.util.List;

import io.emberpay.events.EventType;
import io.emberpay.events.PlatformEvent;

/** Events of fraud-service, published on {@code fraud.events} keyed by payment id. */
public sealed interface FraudEvent extends PlatformEvent {

	@EventType("fraud.alert")
	record FraudAlert(String eventId, Instant occurredAt, String alertId, String payment, String merchant, String user,
			long amount, String currency, int score, String decision, List<String> reasons) implements FraudEvent {

		@Override
		public String aggregateId() {
			return payment;
		}

	}

}
