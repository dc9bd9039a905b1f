package io.emberpay.fraud.alerts;

import java.time.Clock;
import java.util.List;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.fraud.FraudEvent;
import io.emberpay.fraud.risk.PaymentAttempt;
import io.emberpay.starter.outbox.OutboxWriter;

import org.springframework.stereotype.Component;

/**
 * Raises {@code fraud.alert} on {@code fraud.events} through the outbox, in the
 * transaction that records the scored attempt: the alert exists exactly when the attempt
 * does. notification-service turns it into a merchant webhook and a user alert.
 */
@Component
public class FraudAlerts {

	private final OutboxWriter outbox;

	private final Clock clock;

	FraudAlerts(OutboxWriter outbox, Clock clock) {
		this.outbox = outbox;
		this.clock = clock;
	}

	public void raise(PaymentAttempt attempt, int score, String decision, List<String> reasons) {
		this.outbox.append(Topics.FRAUD,
				new FraudEvent.FraudAlert(ResourceIds.event(), this.clock.instant(), ResourceIds.next("fal"),
						attempt.payment(), attempt.merchant(), attempt.user(), attempt.amount(), attempt.currency(),
						score, decision, reasons, attempt.livemode()));
	}

}
