package io.emberpay.ledger.balance;

import io.emberpay.ledger.account.NormalSide;

/**
 * Sums of an account's entries by direction and phase. Available and pending amounts are
 * read on the account's normal side.
 */
public record Balance(long postedDebits, long postedCredits, long pendingDebits, long pendingCredits) {

	public static final Balance ZERO = new Balance(0, 0, 0, 0);

	/** Posted balance on the normal side: money that is settled in this account. */
	public long available(NormalSide side) {
		return (side == NormalSide.CREDIT) ? this.postedCredits - this.postedDebits
				: this.postedDebits - this.postedCredits;
	}

	/** Net pending amount on the normal side: held, not yet posted or voided. */
	public long pending(NormalSide side) {
		return (side == NormalSide.CREDIT) ? this.pendingCredits - this.pendingDebits
				: this.pendingDebits - this.pendingCredits;
	}

	/**
	 * True when posted money plus what is reserved to leave (a negative pending net) is
	 * below zero: what a no-overdraft account must never show. Pending inflows do not
	 * count until posted.
	 */
	public boolean overdrawn(NormalSide side) {
		return available(side) + Math.min(0, pending(side)) < 0;
	}

}
