package io.emberpay.fraud.rules.device;

import java.util.Optional;

import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * Many distinct cards used from one device in 24 hours, this one included (card testing
 * from a single phone): {@code cards_per_device_24h: 4 > 3}.
 */
public final class CardsPerDeviceRule implements Rule {

	private final long maxCards;

	private final int weight;

	public CardsPerDeviceRule(long maxCards, int weight) {
		this.maxCards = maxCards;
		this.weight = weight;
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		long cards = context.features().cardsOnDevice();
		if (cards <= this.maxCards) {
			return Optional.empty();
		}
		return Optional.of(RiskSignal.of("cards_per_device_24h", cards + " > " + this.maxCards, this.weight));
	}

}
