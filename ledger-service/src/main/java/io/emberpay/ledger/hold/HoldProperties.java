package io.emberpay.ledger.hold;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long an authorization hold lives before it is released (card authorizations lapse
 * after about a week), and how often expired holds are looked for.
 */
@ConfigurationProperties("emberpay.ledger.holds")
public record HoldProperties(Duration ttl, Duration expiryCheck) {

	public HoldProperties {
		if (ttl == null) {
			ttl = Duration.ofDays(7);
		}
		if (expiryCheck == null) {
			expiryCheck = Duration.ofSeconds(30);
		}
	}

}
