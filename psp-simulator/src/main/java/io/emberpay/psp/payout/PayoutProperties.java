package io.emberpay.psp.payout;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Simulated payouts.
 *
 * @param arrival how long a payout stays in transit before its bank account decides it
 * (real ACH and SEPA take one to three days; seconds keep local runs short)
 * @param maxPayouts payouts kept per acquirer, the oldest forgotten first
 */
@Validated
@ConfigurationProperties("emberpay.psp.payouts")
public record PayoutProperties(@DefaultValue("5s") @NotNull Duration arrival,
		@DefaultValue("100000") @Min(1) int maxPayouts) {
}
