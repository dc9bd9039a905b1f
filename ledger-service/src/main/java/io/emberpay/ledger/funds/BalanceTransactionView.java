package io.emberpay.ledger.funds;

import java.time.Instant;

/**
 * One movement of a merchant's balance as the API shows it: {@code amount} (gross) less
 * {@code fee} is {@code net}, all signed (a refund is negative), {@code source} the
 * payment, refund or other object that caused it, {@code transaction} the ledger
 * transaction that moved it, {@code livemode} whether it is live or test money,
 * {@code description} what else the merchant should know (the subscription invoice a
 * payment paid, {@code Invoice in_…}, or a refund gave back), or null.
 */
public record BalanceTransactionView(String id, String object, String type, String source, long amount, long fee,
		long net, String currency, Instant created, Instant availableOn, String status, String transaction,
		boolean livemode, String description) {
}
