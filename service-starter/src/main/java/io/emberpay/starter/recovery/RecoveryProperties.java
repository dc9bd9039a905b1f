package io.emberpay.starter.recovery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the platform's background workers (Kafka consumers, the outbox relay) ride out
 * failures: after an infrastructure error they wait {@code backoffInitial}, doubling up
 * to {@code backoffMax}, and resume with the same records. A worker that has been
 * retrying for {@code failingAfter}, or whose last {@code parkedInARow} records all had
 * to be parked, is reported failing (health DOWN, alert) because it needs a person.
 */
@Validated
@ConfigurationProperties("emberpay.recovery")
public record RecoveryProperties(@NotNull Duration backoffInitial, @NotNull Duration backoffMax,
		@NotNull Duration failingAfter, @Min(1) @Max(10_000) int parkedInARow) {

	public RecoveryProperties {
		if (backoffInitial == null) {
			backoffInitial = Duration.ofMillis(500);
		}
		if (backoffMax == null) {
			backoffMax = Duration.ofSeconds(30);
		}
		if (failingAfter == null) {
			failingAfter = Duration.ofMinutes(2);
		}
		if (parkedInARow == 0) {
			parkedInARow = 10;
		}
	}

	/** The pause before the next attempt after {@code failures} failures in a row. */
	public Duration backoff(int failures) {
		int doublings = Math.clamp(failures - 1, 0, 20);
		Duration delay = this.backoffInitial.multipliedBy(1L << doublings);
		return (delay.compareTo(this.backoffMax) > 0) ? this.backoffMax : delay;
	}

}
