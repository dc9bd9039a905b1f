package io.emberpay.events.subscription;

import java.time.Instant;

/**
 * An invoice as it stood when an event happened, in its public API form.
 * {@code nextPaymentAttempt} is when dunning tries again ({@code null} when none is
 * planned); {@code failureCode} is the last attempt's.
 */
public record InvoiceSnapshot(String id, String object, String merchant, String customer, String subscription,
		long amountDue, String currency, String status, String billingReason, Instant periodStart, Instant periodEnd,
		int attemptCount, Instant nextPaymentAttempt, String payment, String failureCode, boolean livemode,
		Instant created) {
}
