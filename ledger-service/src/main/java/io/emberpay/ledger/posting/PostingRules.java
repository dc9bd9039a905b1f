package io.emberpay.ledger.posting;

import java.util.HashMap;
import java.util.Map;

import io.emberpay.ledger.LedgerError;
import io.emberpay.starter.problem.ApiException;

/**
 * The double-entry rules, checked in code before anything is written (the database checks
 * them again at commit): two or more legs, for each currency and phase the debits equal
 * the credits, and all legs in one mode (test money never moves into a live account).
 */
public final class PostingRules {

	private PostingRules() {
	}

	public static void check(Posting posting) {
		if (posting.legs().size() < 2) {
			throw new ApiException(LedgerError.TOO_FEW_ENTRIES,
					"A transaction needs at least 2 entries, got " + posting.legs().size(), "entries");
		}
		if (posting.legs().size() > Posting.MAX_LEGS) {
			throw ApiException.invalid("entries", "A transaction has at most " + Posting.MAX_LEGS + " entries");
		}
		boolean livemode = posting.legs().get(0).account().livemode();
		if (posting.legs().stream().anyMatch(leg -> leg.account().livemode() != livemode)) {
			throw ApiException.invalid("entries",
					"A transaction moves money within one mode: its accounts must all be live or all be test");
		}
		Map<String, Long> net = new HashMap<>();
		for (Leg leg : posting.legs()) {
			String bucket = leg.currency() + ' ' + leg.phase().column();
			try {
				net.merge(bucket, leg.signed(), Math::addExact);
			}
			catch (ArithmeticException ex) {
				throw new ApiException(LedgerError.TRANSACTION_UNBALANCED, "Entry amounts overflow", "entries");
			}
		}
		net.forEach((bucket, sum) -> {
			if (sum != 0) {
				throw new ApiException(LedgerError.TRANSACTION_UNBALANCED,
						"Debits and credits in " + bucket + " differ by " + Math.abs(sum) + " minor units", "entries");
			}
		});
	}

}
