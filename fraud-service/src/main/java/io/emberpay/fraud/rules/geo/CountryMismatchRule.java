package io.emberpay.fraud.rules.geo;

import java.util.Optional;

import io.emberpay.fraud.geo.IpLocation;
import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * The IP's country differs from the card's issuing country:
 * {@code ip_card_country_mismatch: GB != US}. Quiet when either is unknown.
 */
public final class CountryMismatchRule implements Rule {

	private final int weight;

	public CountryMismatchRule(int weight) {
		this.weight = weight;
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		IpLocation location = context.features().ipLocation();
		String cardCountry = context.attempt().cardCountry();
		if (location == null || cardCountry == null || location.country().equals(cardCountry)) {
			return Optional.empty();
		}
		return Optional
			.of(RiskSignal.of("ip_card_country_mismatch", location.country() + " != " + cardCountry, this.weight));
	}

}
