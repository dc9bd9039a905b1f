package io.emberpay.ledger.payout;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long a payout's hold may stay open before the hold expiry job voids it. A payout
 * the acquirer took is paid or failed within days; the hold outlives that by far, so that
 * only a hold whose payout was never recorded (its creator died between the hold and its
 * own commit) comes back to the merchant this way.
 */
@Validated
@ConfigurationProperties("emberpay.ledger.payouts")
public record PayoutProperties(@NotNull Duration holdTtl) {

	public PayoutProperties {
		if (holdTtl == null) {
			holdTtl = Duration.ofDays(30);
		}
	}

	@AssertTrue(message = "hold-ttl must be positive")
	boolean isSensible() {
		return this.holdTtl.isPositive();
	}

}
