package io.emberpay.events.payout;

import java.time.Instant;

/**
 * A payout as the public API shows it. The bank account appears only as its id, last four
 * digits, bank name and country; its number never leaves the vault. {@code livemode} says
 * whose balance it left, the live or the test one; it is null in events written before
 * payouts had a mode (those were all sent under the acquirer's test account, so readers
 * treat a null as test unless they know better, as the ledger does from the payout's
 * hold).
 */
public record PayoutSnapshot(String id, String object, long amount, String currency, String status, String merchant,
		String destination, String bankLast4, String bankName, String country, String psp, String pspReference,
		String method, String failureCode, Instant created, Boolean livemode) {
}
