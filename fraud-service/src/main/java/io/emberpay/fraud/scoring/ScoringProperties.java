package io.emberpay.fraud.scoring;

import java.time.Duration;

import io.emberpay.fraud.risk.Decision;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How scoring answers: the deadline after which the fallback decision is returned
 * (flagged), the score that raises an alert, the bound on concurrent scorings, the
 * default thresholds, and how long per-instance caches may be stale.
 */
@Validated
@ConfigurationProperties("emberpay.fraud.scoring")
public record ScoringProperties(@NotNull Duration deadline, @NotNull Decision fallbackDecision,
		@Min(0) @Max(100) int fallbackScore, @Min(1) @Max(100) int alertScore, @Min(1) @Max(10_000) int maxInFlight,
		@Min(1) @Max(100) int reviewAt, @Min(1) @Max(100) int declineAt, @NotNull Duration cacheRefresh,
		@Min(1) @Max(1_000_000) int maxCachedMerchants) {

}
