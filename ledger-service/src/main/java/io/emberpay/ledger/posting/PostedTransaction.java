package io.emberpay.ledger.posting;

import java.time.Instant;

/** A transaction as appended: its id, chain position and link, and time. */
public record PostedTransaction(String id, long seq, Posting posting, Instant postedAt, byte[] previousHash,
		byte[] hash) {
}
