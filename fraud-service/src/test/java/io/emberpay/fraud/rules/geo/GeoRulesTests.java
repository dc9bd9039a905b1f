package io.emberpay.fraud.rules.geo;

import java.time.Duration;

import io.emberpay.fraud.features.PreviousLocation;
import io.emberpay.fraud.geo.IpLocation;
import io.emberpay.fraud.rules.Contexts;
import io.emberpay.fraud.scoring.RiskSignal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeoRulesTests {

	private static final IpLocation LONDON = new IpLocation("GB", 51.51, -0.13);

	private final ImpossibleTravelRule travel = new ImpossibleTravelRule(900, 500, 40);

	@Test
	void countryMismatchFiresWhenIpAndCardCountriesDiffer() {
		var rule = new CountryMismatchRule(20);

		assertThat(rule.evaluate(Contexts.normal().ipLocation(LONDON).build()))
			.contains(RiskSignal.of("ip_card_country_mismatch", "GB != US", 20));
		assertThat(rule.evaluate(Contexts.normal().build())).isEmpty();
		assertThat(rule.evaluate(Contexts.normal().ipLocation(null).build())).isEmpty();
	}

	@Test
	void impossibleTravelFiresWhenTheImpliedSpeedIsTooHigh() {
		var context = Contexts.normal()
			.ipLocation(LONDON)
			.previousLocation(new PreviousLocation("US", 40.71, -74.01, Contexts.NOW.minus(Duration.ofHours(1))))
			.build();

		assertThat(this.travel.evaluate(context)).hasValueSatisfying(signal -> {
			assertThat(signal.code()).isEqualTo("impossible_travel_kmh");
			assertThat(signal.detail()).matches("55[0-9]{2} > 900");
		});
	}

	@Test
	void impossibleTravelStaysQuietForAPossibleTripAShortHopOrNoHistory() {
		var flight = Contexts.normal()
			.ipLocation(LONDON)
			.previousLocation(new PreviousLocation("US", 40.71, -74.01, Contexts.NOW.minus(Duration.ofHours(9))))
			.build();
		var sameCity = Contexts.normal()
			.previousLocation(new PreviousLocation("US", 41.80, -87.60, Contexts.NOW))
			.build();

		assertThat(this.travel.evaluate(flight)).isEmpty();
		assertThat(this.travel.evaluate(sameCity)).isEmpty();
		assertThat(this.travel.evaluate(Contexts.normal().build())).isEmpty();
	}

	@Test
	void impossibleTravelFloorsElapsedTimeForSimultaneousPayments() {
		var context = Contexts.normal()
			.ipLocation(LONDON)
			.previousLocation(new PreviousLocation("US", 40.71, -74.01, Contexts.NOW))
			.build();

		assertThat(this.travel.evaluate(context)).hasValueSatisfying(s -> assertThat(s.detail()).startsWith("33"));
	}

}
