package io.emberpay.ledger.posting;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.emberpay.ledger.balance.Balance;

/**
 * The end of the hash chain as one database transaction holds it locked: the position and
 * link of the last transaction, and the running balances of no-overdraft accounts this
 * database transaction has read (valid because no one else can append meanwhile).
 */
final class Chain {

	private long seq;

	private byte[] hash;

	private Instant postedAt;

	final Map<String, Balance> guardedBalances = new HashMap<>();

	Chain(long seq, byte[] hash, Instant postedAt) {
		this.seq = seq;
		this.hash = hash;
		this.postedAt = postedAt;
	}

	long seq() {
		return this.seq;
	}

	byte[] hash() {
		return this.hash;
	}

	/** Posting times never decrease along the chain, so a time cut is a chain cut. */
	Instant nextPostedAt(Instant now) {
		Instant at = ChainHash.storable(now);
		return at.isBefore(this.postedAt) ? this.postedAt : at;
	}

	void advance(long seq, byte[] hash, Instant postedAt) {
		if (seq != this.seq + 1) {
			throw new IllegalStateException("chain position " + seq + " does not follow " + this.seq);
		}
		this.seq = seq;
		this.hash = hash;
		this.postedAt = postedAt;
	}

	Instant postedAt() {
		return this.postedAt;
	}

}
