package io.emberpay.ledger.funds;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One movement of a merchant's balance as the API shows it: {@code amount} (gross) less
 * {@code fee} is {@code net}, all signed (a refund is negative), {@code source} the
 * payment, refund or other object that caused it, {@code transaction} the ledger
 * transaction that moved it, {@code livemode} whether it is live or test money,
 * {@code description} what else the merchant should know (the subscription invoice a
 * payment paid, {@code Invoice in_…}, or a refund gave back), or null.
 * {@code exchangeRate} is the rate a payment in another currency was converted into this
 * one at (its refunds and disputes show the same rate), null when nothing was converted.
 */
public record BalanceTransactionView(String id, String object, String type, String source, long amount, long fee,
		long net, String currency, Instant created, Instant availableOn, String status, String transaction,
		boolean livemode, String description, BigDecimal exchangeRate) {
}
