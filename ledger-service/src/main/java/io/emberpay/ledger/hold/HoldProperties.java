package io.emberpay.ledger.hold;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long an authorization hold lives before it is released (card authorizations lapse
 * after about a week), and how often expired holds are looked for.
 */
@Validated
@ConfigurationProperties("emberpay.ledger.holds")
public record HoldProperties(@NotNull Duration ttl, @NotNull Duration expiryCheck) {

	public HoldProperties {
		if (ttl == null) {
			ttl = Duration.ofDays(7);
		}
		if (expiryCheck == null) {
			expiryCheck = Duration.ofSeconds(30);
		}
	}

	/** A hold that never lives, or a check that never waits, is a typo, not a policy. */
	@AssertTrue(message = "ttl and expiry-check must be positive")
	boolean isPositive() {
		return this.ttl.isPositive() && this.expiryCheck.isPositive();
	}

}
