package io.emberpay.payment.payment.authorization;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a payment may wait on its customer ({@code requires_action}: 3-D Secure at the
 * issuer, or a step-up) before it is canceled.
 *
 * @param ttl how long a payment may wait, from when it began waiting
 * @param interval how often the janitor looks
 * @param batchSize payments expired per round
 */
@Validated
@ConfigurationProperties("emberpay.payments.action-expiry")
public record ActionExpiryProperties(@NotNull @DefaultValue("1h") Duration ttl,
		@NotNull @DefaultValue("1m") Duration interval, @Min(1) @DefaultValue("100") int batchSize) {
}
