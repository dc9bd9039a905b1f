package io.emberpay.ledger.integrity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often the integrity check runs by itself, so a violation raises the alert even when
 * nobody calls the endpoint; the first run waits {@code initialDelay} to keep it off the
 * start-up path.
 */
@ConfigurationProperties("emberpay.ledger.integrity")
public record IntegrityProperties(Duration interval, Duration initialDelay) {

	public IntegrityProperties {
		if (interval == null) {
			interval = Duration.ofMinutes(5);
		}
		if (initialDelay == null) {
			initialDelay = Duration.ofMinutes(1);
		}
	}

}
