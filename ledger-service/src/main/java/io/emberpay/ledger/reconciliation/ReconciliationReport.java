package io.emberpay.ledger.reconciliation;

import java.time.LocalDate;
import java.util.List;

/**
 * What an import did: lines settled now, lines settled by an earlier import, exceptions.
 */
public record ReconciliationReport(String object, String psp, LocalDate date, int lines, int settled,
		int alreadySettled, List<ExceptionView> exceptions) {

	/** A line that did not match what the ledger knows. */
	public record ExceptionView(String id, String object, String psp, LocalDate settlementDate, String pspReference,
			String type, String reference, String problem, Long expectedAmount, long reportedAmount, String currency) {
	}

}
