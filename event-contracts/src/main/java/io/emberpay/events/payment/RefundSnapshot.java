package io.emberpay.events.payment;

import java.time.Instant;

/** A refund as the public API shows it. */
public record RefundSnapshot(String id, String object, String payment, long amount, String currency, String status,
		String merchant, String psp, String pspReference, String reason, String requestId, Instant created) {
}
