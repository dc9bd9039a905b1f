package io.emberpay.ledger.posting;

import io.emberpay.starter.problem.ErrorCode;

/** What became of one posting: written, already written by the same cause, or refused. */
public sealed interface PostingOutcome {

	record Posted(PostedTransaction transaction) implements PostingOutcome {
	}

	/**
	 * The cause was posted before as {@code transactionId}; {@code requestHash} lets an
	 * API tell a retry from a different request under the same key.
	 */
	record Duplicate(String transactionId, byte[] requestHash) implements PostingOutcome {
	}

	record Rejected(ErrorCode error, String detail, String param) implements PostingOutcome {
	}

}
