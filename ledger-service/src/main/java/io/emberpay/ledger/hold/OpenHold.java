package io.emberpay.ledger.hold;

import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;

/** A hold not yet posted or voided: {@code amount} reserved from debit to credit. */
public record OpenHold(String id, String reference, Account debit, Account credit, long amount) {

	/**
	 * The pending legs that undo the hold; every posting that resolves it carries them.
	 */
	public java.util.List<Leg> releaseLegs() {
		return java.util.List.of(Leg.pending(this.debit, io.emberpay.ledger.posting.Direction.CREDIT, this.amount),
				Leg.pending(this.credit, io.emberpay.ledger.posting.Direction.DEBIT, this.amount));
	}

	/** A transaction that only voids the hold. */
	public Posting release(String cause, String kind, String correlationId) {
		return Posting.of(cause, kind, correlationId, this.reference, releaseLegs()).resolving(this.id);
	}

}
