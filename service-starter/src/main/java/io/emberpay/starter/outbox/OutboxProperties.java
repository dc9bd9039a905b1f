package io.emberpay.starter.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Outbox relay settings. {@code idlePoll} bounds how long an event committed by another
 * replica waits; events committed in this process wake the relay at once.
 */
@Validated
@ConfigurationProperties("emberpay.outbox")
public record OutboxProperties(Boolean relayEnabled, @Min(1) @Max(5000) int batchSize, @NotNull Duration idlePoll,
		@NotNull Duration sendTimeout) {

	public OutboxProperties {
		if (relayEnabled == null) {
			relayEnabled = true;
		}
		if (batchSize == 0) {
			batchSize = 500;
		}
		if (idlePoll == null) {
			idlePoll = Duration.ofMillis(500);
		}
		if (sendTimeout == null) {
			sendTimeout = Duration.ofSeconds(30);
		}
	}

}
