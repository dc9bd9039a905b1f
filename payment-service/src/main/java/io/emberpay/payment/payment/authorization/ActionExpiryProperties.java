package io.emberpay.payment.payment.authorization;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a payment may wait ({@code requires_action}) before it is canceled: on its
 * customer at the issuer's 3-D Secure, or in review (for the customer's step-up or an
 * operator's verdict, whichever comes first).
 *
 * @param ttl how long a payment may wait at 3-D Secure, from when it began waiting
 * @param reviewTtl how long a payment may wait in review: undecided past it, it is
 * canceled and a later verdict changes nothing
 * @param interval how often the janitor looks
 * @param batchSize payments expired per round
 */
@Validated
@ConfigurationProperties("emberpay.payments.action-expiry")
public record ActionExpiryProperties(@NotNull @DefaultValue("1h") Duration ttl,
		@NotNull @DefaultValue("24h") Duration reviewTtl, @NotNull @DefaultValue("1m") Duration interval,
		@Min(1) @DefaultValue("100") int batchSize) {
}
