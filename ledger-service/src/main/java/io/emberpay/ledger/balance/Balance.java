package io.emberpay.ledger.balance;

import io.emberpay.ledger.account.NormalSide;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Phase;

/**
 * Sums of an account's entries by direction and phase. Available and pending amounts are
 * read on the account's normal side.
 */
public record Balance(long postedDebits, long postedCredits, long pendingDebits, long pendingCredits) {

	public static final Balance ZERO = new Balance(0, 0, 0, 0);

	public Balance plus(Leg leg) {
		boolean debit = leg.direction() == Direction.DEBIT;
		if (leg.phase() == Phase.POSTED) {
			return debit
					? new Balance(Math.addExact(this.postedDebits, leg.amount()), this.postedCredits,
							this.pendingDebits, this.pendingCredits)
					: new Balance(this.postedDebits, Math.addExact(this.postedCredits, leg.amount()),
							this.pendingDebits, this.pendingCredits);
		}
		return debit
				? new Balance(this.postedDebits, this.postedCredits, Math.addExact(this.pendingDebits, leg.amount()),
						this.pendingCredits)
				: new Balance(this.postedDebits, this.postedCredits, this.pendingDebits,
						Math.addExact(this.pendingCredits, leg.amount()));
	}

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
