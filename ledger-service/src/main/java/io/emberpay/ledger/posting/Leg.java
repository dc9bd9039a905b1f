package io.emberpay.ledger.posting;

import java.util.Objects;

import io.emberpay.ledger.account.Account;

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

}
