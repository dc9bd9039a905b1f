package io.emberpay.fraud.rules.geo;

import java.time.Duration;
import java.util.Optional;

import io.emberpay.fraud.features.PreviousLocation;
import io.emberpay.fraud.geo.IpLocation;
import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * The user's previous payment came from a place they could not have travelled from in the
 * time between: {@code impossible_travel_kmh: 5570 > 900}. Short hops are ignored (IP
 * geolocation is coarse), and the elapsed time is floored at one minute so two payments
 * in the same second do not divide by zero.
 */
public final class ImpossibleTravelRule implements Rule {

	private static final Duration MIN_ELAPSED = Duration.ofMinutes(1);

	private final double maxSpeedKmh;

	private final double minDistanceKm;

	private final int weight;

	public ImpossibleTravelRule(double maxSpeedKmh, double minDistanceKm, int weight) {
		this.maxSpeedKmh = maxSpeedKmh;
		this.minDistanceKm = minDistanceKm;
		this.weight = weight;
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		IpLocation here = context.features().ipLocation();
		PreviousLocation before = context.features().previousLocation();
		if (here == null || before == null) {
			return Optional.empty();
		}
		double distanceKm = IpLocation.distanceKm(before.latitude(), before.longitude(), here.latitude(),
				here.longitude());
		if (distanceKm < this.minDistanceKm) {
			return Optional.empty();
		}
		Duration elapsed = Duration.between(before.occurredAt(), context.attempt().occurredAt()).abs();
		double hours = Math.max(elapsed.toMillis(), MIN_ELAPSED.toMillis()) / 3_600_000.0;
		double speedKmh = distanceKm / hours;
		if (speedKmh <= this.maxSpeedKmh) {
			return Optional.empty();
		}
		return Optional.of(RiskSignal.of("impossible_travel_kmh",
				Math.round(speedKmh) + " > " + Math.round(this.maxSpeedKmh), this.weight));
	}

}
