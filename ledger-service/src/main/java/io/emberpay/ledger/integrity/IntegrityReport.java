package io.emberpay.ledger.integrity;

import java.util.List;

/**
 * The result of verifying the ledger: {@code ok} when the hash chain is intact from the
 * first transaction to the head, every transaction balances, and every stored balance
 * equals the sum of its account's entries.
 */
public record IntegrityReport(boolean ok, long transactionsChecked, long headSeq, List<String> problems) {
}
