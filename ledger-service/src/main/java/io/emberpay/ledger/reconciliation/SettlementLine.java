package io.emberpay.ledger.reconciliation;

/**
 * One line of a PSP settlement file: the PSP paid out (capture) or took back (refund)
 * {@code amount}, keeping {@code fee}; {@code reference} is our {@code pay_}/{@code re_}
 * id.
 */
public record SettlementLine(int lineNumber, String pspReference, String type, String reference, long amount,
		String currency, long fee, String settledAt) {
}
