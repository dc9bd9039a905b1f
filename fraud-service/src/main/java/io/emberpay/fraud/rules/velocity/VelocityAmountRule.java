package io.emberpay.fraud.rules.velocity;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.emberpay.fraud.features.Dimension;
import io.emberpay.fraud.features.Window;
import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * Too much money through one key within a window, this attempt included, counted in the
 * attempt's currency (minor units): {@code velocity_amount_card_1h: 620000 USD > 500000}.
 */
public final class VelocityAmountRule implements Rule {

	private final Dimension dimension;

	private final Window window;

	private final Map<String, Long> maxAmountByCurrency;

	private final int weight;

	private final String code;

	public VelocityAmountRule(Dimension dimension, Window window, Map<String, Long> maxAmountByCurrency, int weight) {
		this.dimension = dimension;
		this.window = window;
		this.maxAmountByCurrency = maxAmountByCurrency.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
		this.weight = weight;
		this.code = "velocity_amount_" + dimension.code() + "_" + window.code();
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		Long limit = this.maxAmountByCurrency.get(context.attempt().currency());
		if (limit == null || VelocityKeys.key(context.attempt(), this.dimension) == null) {
			return Optional.empty();
		}
		long amount = context.features().velocity(this.dimension).amount(this.window) + context.attempt().amount();
		if (amount <= limit) {
			return Optional.empty();
		}
		return Optional
			.of(RiskSignal.of(this.code, amount + " " + context.attempt().currency() + " > " + limit, this.weight));
	}

}
