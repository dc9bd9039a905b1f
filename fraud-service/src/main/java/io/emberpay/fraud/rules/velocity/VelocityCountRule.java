package io.emberpay.fraud.rules.velocity;

import java.util.Optional;

import io.emberpay.fraud.features.Dimension;
import io.emberpay.fraud.features.Window;
import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * Too many attempts by one user, card, device or IP within a window, this one included:
 * {@code velocity_card_1m: 6 > 5}.
 */
public final class VelocityCountRule implements Rule {

	private final Dimension dimension;

	private final Window window;

	private final long maxCount;

	private final int weight;

	private final String code;

	public VelocityCountRule(Dimension dimension, Window window, long maxCount, int weight) {
		this.dimension = dimension;
		this.window = window;
		this.maxCount = maxCount;
		this.weight = weight;
		this.code = "velocity_" + dimension.code() + "_" + window.code();
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		if (VelocityKeys.key(context.attempt(), this.dimension) == null) {
			return Optional.empty();
		}
		long count = context.features().velocity(this.dimension).count(this.window) + 1;
		if (count <= this.maxCount) {
			return Optional.empty();
		}
		return Optional.of(RiskSignal.of(this.code, count + " > " + this.maxCount, this.weight));
	}

}
