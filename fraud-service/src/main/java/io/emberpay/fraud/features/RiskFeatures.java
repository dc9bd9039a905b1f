package io.emberpay.fraud.features;

import java.util.Map;

import io.emberpay.fraud.geo.IpLocation;

/**
 * Everything the rules know about an attempt beyond its own fields, read in one query.
 * {@code cardsOnDevice} and {@code usersOnCard} count distinct values over the last 24
 * hours including this attempt; {@code ipLocation} and {@code previousLocation} may be
 * null.
 */
public record RiskFeatures(Map<Dimension, VelocityWindows> velocity, long cardsOnDevice, long usersOnCard,
		Map<StreakScope, Integer> failureStreaks, AmountStats userAmounts, AmountStats merchantAmounts,
		boolean deviceKnown, boolean userHasDevices, IpLocation ipLocation, PreviousLocation previousLocation) {

	public RiskFeatures {
		velocity = Map.copyOf(velocity);
		failureStreaks = Map.copyOf(failureStreaks);
	}

	public VelocityWindows velocity(Dimension dimension) {
		return this.velocity.getOrDefault(dimension, VelocityWindows.NONE);
	}

	public int failures(StreakScope scope) {
		return this.failureStreaks.getOrDefault(scope, 0);
	}

}
