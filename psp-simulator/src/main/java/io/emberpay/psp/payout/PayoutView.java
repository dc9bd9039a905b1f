package io.emberpay.psp.payout;

import java.time.Instant;

/** A payout on the wire: the bank account only by its last four digits. */
public record PayoutView(String id, String object, String status, long amount, String currency, String reference,
		String bankLast4, String failureCode, Instant created, Instant arrivalDate) {
}
