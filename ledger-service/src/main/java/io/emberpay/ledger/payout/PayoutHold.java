package io.emberpay.ledger.payout;

/**
 * The answer to a hold request: {@code amount} of {@code currency} now held for
 * {@code payout} by ledger transaction {@code transaction}, leaving
 * {@code availableAfter}.
 */
public record PayoutHold(String object, String payout, String merchant, long amount, String currency,
		String transaction, long availableAfter) {
}
