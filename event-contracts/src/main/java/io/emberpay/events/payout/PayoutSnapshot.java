package io.emberpay.events.payout;

import java.time.Instant;

/**
 * A payout as the public API shows it. The bank account appears only as its id, last four
 * digits, bank name and country; its number never leaves the vault.
 */
public record PayoutSnapshot(String id, String object, long amount, String currency, String status, String merchant,
		String destination, String bankLast4, String bankName, String country, String psp, String pspReference,
		String method, String failureCode, Instant created) {
}
