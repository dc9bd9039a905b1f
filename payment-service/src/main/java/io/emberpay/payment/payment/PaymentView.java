package io.emberpay.payment.payment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emberpay.payment.fraud.FraudVerdict;

/** A payment as the public API shows it (snake_case JSON, nulls omitted). */
public record PaymentView(String id, String object, long amount, String currency, String status, String captureMethod,
		long amountCapturable, long amountReceived, long amountRefunded, String merchant, String user,
		String paymentMethod, Card card, String failureCode, String description, Map<String, String> metadata,
		Risk risk, NextAction nextAction, boolean livemode, Instant created, String acquirer, String routingReason) {

	public static PaymentView of(Payment payment) {
		Payment.PaymentFacts f = payment.facts();
		FraudVerdict fraud = f.fraud();
		return new PaymentView(payment.id(), "payment", f.amount().amountMinor(), f.amount().currencyCode(),
				payment.status().apiName(), f.captureMethod().apiName(), payment.amountCapturable(),
				payment.amountReceived(), payment.amountRefunded(), f.merchantId(), f.userId(), f.card().id(),
				new Card(f.card().brand(), f.card().last4(), f.card().expMonth(), f.card().expYear(),
						f.card().fingerprint()),
				payment.failureCode(), f.description(), f.metadata(),
				new Risk(fraud.score(), fraud.decision().apiName(), fraud.reasons()),
				(payment.status() == PaymentStatus.REQUIRES_ACTION) ? new NextAction("mfa_challenge") : null,
				f.livemode(), f.created(), payment.acquirer(), payment.routingReason());
	}

	public record Card(String brand, String last4, int expMonth, int expYear, String fingerprint) {
	}

	/**
	 * The payment's risk assessment; {@code fraud} before API version 2026-12-07, which
	 * the gateway still answers to clients pinned to an older version.
	 */
	public record Risk(int score, String decision, List<String> reasons) {
	}

	public record NextAction(String type) {
	}

}
