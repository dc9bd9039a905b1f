package io.emberpay.ledger.funds;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When a merchant's incoming funds become available: {@code delay} after the movement
 * (T+2 by default), or the merchant's own delay from {@code merchants} (the ledger has no
 * merchant settings table, so overrides are configuration). The release job runs every
 * {@code interval} and moves at most {@code batch} movements per database transaction.
 */
@Validated
@ConfigurationProperties("emberpay.ledger.availability")
public record AvailabilityProperties(@NotNull Duration delay, Map<String, Duration> merchants,
		@NotNull Duration interval, @Min(1) @Max(5_000) int batch) {

	public AvailabilityProperties {
		if (delay == null) {
			delay = Duration.ofDays(2);
		}
		merchants = (merchants == null) ? Map.of() : Map.copyOf(merchants);
		if (interval == null) {
			interval = Duration.ofMinutes(1);
		}
		if (batch == 0) {
			batch = 500;
		}
	}

	public Duration delayFor(String merchant) {
		return this.merchants.getOrDefault(merchant, this.delay);
	}

	/** A negative delay would make funds available before they arrive: a typo. */
	@AssertTrue(message = "delays must not be negative and the interval must be positive")
	boolean isSensible() {
		return !this.delay.isNegative() && this.merchants.values().stream().noneMatch(Duration::isNegative)
				&& this.interval.isPositive();
	}

}
