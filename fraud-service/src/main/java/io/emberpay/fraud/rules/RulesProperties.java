package io.emberpay.fraud.rules;

import java.util.List;
import java.util.Map;

import io.emberpay.fraud.features.Dimension;
import io.emberpay.fraud.features.StreakScope;
import io.emberpay.fraud.features.Window;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Limits and weights of every rule; defaults in application.yml. */
@Validated
@ConfigurationProperties("emberpay.fraud.rules")
public record RulesProperties(@NotNull List<@Valid CountLimit> velocity,
		@NotNull List<@Valid AmountLimit> amountVelocity, @NotNull List<@Valid StreakLimit> failureStreak,
		@NotNull @Valid AmountAnomaly amountAnomaly, @Min(0) @Max(100) int newDeviceWeight,
		@NotNull @Valid DistinctLimit cardsPerDevice, @NotNull @Valid DistinctLimit usersPerCard,
		@Min(0) @Max(100) int countryMismatchWeight, @NotNull @Valid ImpossibleTravel impossibleTravel,
		@NotNull @Valid OffSession offSession) {

	/**
	 * Off-session charges (no user present): a device or IP on one contradicts "nobody is
	 * there"; an amount far above what the user has paid before is what a merchant
	 * abusing a consent would charge.
	 */
	public record OffSession(@Min(0) @Max(100) int presentDeviceWeight, @Positive int maxTimesUsualAmount,
			@Positive long minUserSamples, @Min(0) @Max(100) int unusualAmountWeight) {
	}

	public record CountLimit(@NotNull Dimension dimension, @NotNull Window window, @Positive long maxCount,
			@Min(0) @Max(100) int weight) {
	}

	/**
	 * Amount limits are per currency (minor units); currencies not listed are not
	 * checked.
	 */
	public record AmountLimit(@NotNull Dimension dimension, @NotNull Window window,
			@NotNull Map<String, @Positive Long> maxAmount, @Min(0) @Max(100) int weight) {
	}

	public record StreakLimit(@NotNull StreakScope scope, @Positive int minFailures, @Min(0) @Max(100) int weight) {
	}

	public record AmountAnomaly(@Positive double maxZScore, @Positive double minStdDevLog, @Min(2) long userMinSamples,
			@Min(0) @Max(100) int userWeight, @Min(2) long merchantMinSamples, @Min(0) @Max(100) int merchantWeight) {
	}

	public record DistinctLimit(@Positive long max, @Min(0) @Max(100) int weight) {
	}

	public record ImpossibleTravel(@Positive double maxSpeedKmh, @Positive double minDistanceKm,
			@Min(0) @Max(100) int weight) {
	}

}
