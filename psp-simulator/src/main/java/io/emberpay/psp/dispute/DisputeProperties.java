package io.emberpay.psp.dispute;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Simulated disputes.
 *
 * @param openDelay how long after its capture the dispute test card's payment is
 * disputed: a real chargeback comes days later, and the platform must have recorded the
 * capture first
 * @param evidenceWindow how long the merchant has to answer a dispute
 * @param maxDisputes disputes kept per acquirer, the oldest forgotten first
 */
@Validated
@ConfigurationProperties("emberpay.psp.disputes")
public record DisputeProperties(@DefaultValue("5s") @NotNull Duration openDelay,
		@DefaultValue("7d") @NotNull Duration evidenceWindow, @DefaultValue("100000") @Min(1) int maxDisputes) {
}
