package io.emberpay.fraud.risk;

import java.time.Instant;
import java.util.Objects;

/**
 * One payment attempt as fraud-service scores it, validated at the edge. No card number
 * ever reaches this service: cards are known by their keyed fingerprint and BIN only, and
 * of the e-mail address only the domain is kept. {@code user} is null only for an attempt
 * learned from a payment event that had no user. {@code offSession}: a merchant charges a
 * saved method under the user's consent, with no user and no device present.
 * {@code livemode}: the payment's mode as payment-service stated it (test when it did
 * not); it only travels to the attempt's {@code fraud.alert}, never into scoring.
 */
public record PaymentAttempt(String payment, String user, String merchant, long amount, String currency,
		String cardFingerprint, String cardBin, String cardCountry, String deviceId, String deviceFingerprint,
		String ip, String emailDomain, Instant occurredAt, boolean offSession, boolean livemode) {

	public PaymentAttempt {
		Objects.requireNonNull(payment, "payment");
		Objects.requireNonNull(merchant, "merchant");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(occurredAt, "occurredAt");
		if (amount <= 0) {
			throw new IllegalArgumentException("amount must be positive");
		}
	}

}
