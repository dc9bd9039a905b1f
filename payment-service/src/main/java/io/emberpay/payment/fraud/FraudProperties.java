package io.emberpay.payment.fraud;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How payments reach fraud-service and what to do when it does not answer.
 *
 * @param timeout tight budget per scoring call; a payment never hangs on fraud
 * @param fallback {@code decline} every payment, or {@code approve_below_limit}: let
 * payments below {@code fallbackApproveLimits} (minor units per currency; currencies not
 * listed are declined) through, flagged for review
 */
@Validated
@ConfigurationProperties("emberpay.services.fraud")
public record FraudProperties(@NotNull String url, @NotNull Duration timeout, @NotNull Fallback fallback,
		@NotNull Map<String, Long> fallbackApproveLimits, @Min(1) int breakerWindowSize,
		@Min(1) int breakerMinimumCalls, @DecimalMin("1") @DecimalMax("100") float breakerFailureRatePercent,
		@NotNull Duration breakerOpenDuration, @Min(1) int breakerHalfOpenCalls) {

	public enum Fallback {

		DECLINE, APPROVE_BELOW_LIMIT

	}

}
