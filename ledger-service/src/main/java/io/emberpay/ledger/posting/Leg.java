package io.emberpay.ledger.posting;

import java.util.Objects;

import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.balance.Balance;

/**
 * One entry of a transaction to be posted: a positive amount in the account's currency,
 * debit or credit, pending or posted.
 */
public record Leg(Account account, Direction direction, Phase phase, long amount) {

	public Leg {
		Objects.requireNonNull(account, "account");
		Objects.requireNonNull(direction, "direction");
		Objects.requireNonNull(phase, "phase");
		if (amount <= 0) {
			throw new IllegalArgumentException("entry amount must be positive, was " + amount);
		}
	}

	public static Leg posted(Account account, Direction direction, long amount) {
		return new Leg(account, direction, Phase.POSTED, amount);
	}

	public static Leg pending(Account account, Direction direction, long amount) {
		return new Leg(account, direction, Phase.PENDING, amount);
	}

	public String currency() {
		return this.account.currency();
	}

	/** Debits count positive, credits negative: a balanced set of legs sums to zero. */
	long signed() {
		return (this.direction == Direction.DEBIT) ? this.amount : -this.amount;
	}

	/**
	 * The balance with this entry added. Here rather than on {@link Balance} so that
	 * balances do not depend on postings.
	 */
	Balance appliedTo(Balance balance) {
		boolean debit = this.direction == Direction.DEBIT;
		if (this.phase == Phase.POSTED) {
			return debit
					? new Balance(Math.addExact(balance.postedDebits(), this.amount), balance.postedCredits(),
							balance.pendingDebits(), balance.pendingCredits())
					: new Balance(balance.postedDebits(), Math.addExact(balance.postedCredits(), this.amount),
							balance.pendingDebits(), balance.pendingCredits());
		}
		return debit
				? new Balance(balance.postedDebits(), balance.postedCredits(),
						Math.addExact(balance.pendingDebits(), this.amount), balance.pendingCredits())
				: new Balance(balance.postedDebits(), balance.postedCredits(), balance.pendingDebits(),
						Math.addExact(balance.pendingCredits(), this.amount));
	}

}
