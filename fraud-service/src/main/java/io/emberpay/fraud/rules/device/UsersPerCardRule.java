package io.emberpay.fraud.rules.device;

import java.util.Optional;

import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * One card used by many accounts in 24 hours, this user included (a stolen card shared
 * around): {@code users_per_card_24h: 3 > 2}.
 */
public final class UsersPerCardRule implements Rule {

	private final long maxUsers;

	private final int weight;

	public UsersPerCardRule(long maxUsers, int weight) {
		this.maxUsers = maxUsers;
		this.weight = weight;
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		long users = context.features().usersOnCard();
		if (users <= this.maxUsers) {
			return Optional.empty();
		}
		return Optional.of(RiskSignal.of("users_per_card_24h", users + " > " + this.maxUsers, this.weight));
	}

}
