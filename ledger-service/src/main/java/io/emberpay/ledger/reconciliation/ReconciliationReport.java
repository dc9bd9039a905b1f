package io.emberpay.ledger.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an import did: lines settled now, lines settled by an earlier import, exceptions.
 */
public record ReconciliationReport(String object, String psp, LocalDate date, int lines, int settled,
		int alreadySettled, List<ExceptionView> exceptions) {

	/**
	 * A line that did not match what the ledger knows; {@code status} {@code open} until
	 * an operator resolves it, then {@code resolved} with the {@code resolution}.
	 */
	public record ExceptionView(String id, String object, String psp, LocalDate settlementDate, String pspReference,
			String type, String reference, String problem, Long expectedAmount, long reportedAmount, String currency,
			String status, ResolutionView resolution) {

		static ExceptionView raised(String id, String psp, LocalDate settlementDate, String pspReference, String type,
				String reference, String problem, Long expectedAmount, long reportedAmount, String currency) {
			return new ExceptionView(id, "reconciliation_exception", psp, settlementDate, pspReference, type, reference,
					problem, expectedAmount, reportedAmount, currency, "open", null);
		}

	}

	/** Who closed an exception, when and why. */
	public record ResolutionView(String resolution, String note, String resolvedBy, Instant resolvedAt) {
	}

}
