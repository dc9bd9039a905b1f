package io.emberpay.events.dispute;

import java.time.Instant;

/**
 * A dispute (chargeback) as the public API shows it: {@code amount} of the disputed
 * payment withdrawn from the merchant's balance plus the dispute {@code fee}, with the
 * {@code status} and the deadline for evidence. Evidence itself never travels in events.
 */
public record DisputeSnapshot(String id, String object, String payment, String merchant, long amount, long fee,
		String currency, String reason, String status, String psp, String pspReference, Instant evidenceDueBy,
		Instant created) {
}
