package io.emberpay.fraud.rules.velocity;

import java.util.Optional;

import io.emberpay.fraud.features.StreakScope;
import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * Failures in a row since the last success (card testing, password guessing):
 * {@code failed_in_a_row_payment_card: 3 >= 3}.
 */
public final class FailureStreakRule implements Rule {

	private final StreakScope scope;

	private final int minFailures;

	private final int weight;

	private final String code;

	public FailureStreakRule(StreakScope scope, int minFailures, int weight) {
		this.scope = scope;
		this.minFailures = minFailures;
		this.weight = weight;
		this.code = "failed_in_a_row_" + scope.code();
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		int failures = context.features().failures(this.scope);
		if (failures < this.minFailures) {
			return Optional.empty();
		}
		return Optional.of(RiskSignal.of(this.code, failures + " >= " + this.minFailures, this.weight));
	}

}
