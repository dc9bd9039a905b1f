package io.emberpay.ledger.integrity;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How often the integrity check runs by itself, so a violation raises the alert even when
 * nobody calls the endpoint; the first run waits {@code initialDelay} to keep it off the
 * start-up path.
 */
@Validated
@ConfigurationProperties("emberpay.ledger.integrity")
public record IntegrityProperties(@NotNull Duration interval, @NotNull Duration initialDelay) {

	public IntegrityProperties {
		if (interval == null) {
			interval = Duration.ofMinutes(5);
		}
		if (initialDelay == null) {
			initialDelay = Duration.ofMinutes(1);
		}
	}

	/** A zero or negative interval would make the scheduler refuse to start, or spin. */
	@AssertTrue(message = "interval must be positive and initial-delay not negative")
	boolean isSchedulable() {
		return this.interval.isPositive() && !this.initialDelay.isNegative();
	}

}
