package io.emberpay.starter.inbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Consumer settings: records per poll (one database transaction), attempts before a
 * record is parked in the dead-letter table, and the pause between attempts.
 */
@Validated
@ConfigurationProperties("emberpay.inbox")
public record InboxProperties(Boolean enabled, @Min(1) @Max(2000) int maxPollRecords, @Min(1) @Max(100) int maxAttempts,
		@NotNull Duration retryBackoff, @NotNull Duration pollTimeout) {

	public InboxProperties {
		if (enabled == null) {
			enabled = true;
		}
		if (maxPollRecords == 0) {
			maxPollRecords = 500;
		}
		if (maxAttempts == 0) {
			maxAttempts = 5;
		}
		if (retryBackoff == null) {
			retryBackoff = Duration.ofMillis(200);
		}
		if (pollTimeout == null) {
			pollTimeout = Duration.ofMillis(500);
		}
	}

}
