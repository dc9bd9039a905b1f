package io.emberpay.events.dispute;

import java.time.Instant;

/**
 * A dispute (chargeback) as the public API shows it: {@code amount} of the disputed
 * payment withdrawn from the merchant's balance plus the dispute {@code fee}, with the
 * {@code status} and the deadline for evidence. Evidence itself never travels in events.
 * {@code livemode} is the disputed payment's mode; it is null in events written before
 * disputes carried it (readers then take the disputed payment's mode if they know it,
 * test otherwise).
 */
public record DisputeSnapshot(String id, String object, String payment, String merchant, long amount, long fee,
		String currency, String reason, String status, String psp, String pspReference, Instant evidenceDueBy,
		Instant created, Boolean livemode) {
}
