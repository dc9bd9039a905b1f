package io.emberpay.ledger.posting;

import java.time.Instant;
import java.util.List;

/** A ledger transaction as the API shows it. */
public record TransactionView(String id, String object, String kind, String reference, String correlationId,
		String actor, String description, Instant postedAt, List<EntryView> entries) {

	/** One entry of the transaction. */
	public record EntryView(String account, String direction, String phase, long amount, String currency) {
	}

}
