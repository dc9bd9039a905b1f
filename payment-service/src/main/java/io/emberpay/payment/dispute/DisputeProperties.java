package io.emberpay.payment.dispute;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Disputes: the fee a dispute costs the merchant, in minor units per currency
 * ({@code fees}, else {@code defaultFee}); how long the merchant has for evidence when
 * the acquirer names no deadline ({@code evidenceWindow}); and the limits of one evidence
 * submission: its decoded size ({@code maxEvidenceBytes}) and each text field's length.
 */
@Validated
@ConfigurationProperties("emberpay.disputes")
public record DisputeProperties(Map<String, Long> fees, @Min(0) long defaultFee, @NotNull Duration evidenceWindow,
		@Min(1) @Max(10 * 1024 * 1024) int maxEvidenceBytes, @Min(1) @Max(100_000) int maxTextChars) {

	public DisputeProperties {
		fees = (fees == null) ? Map.of() : Map.copyOf(fees);
		if (evidenceWindow == null) {
			evidenceWindow = Duration.ofDays(7);
		}
		if (maxEvidenceBytes == 0) {
			maxEvidenceBytes = 512 * 1024;
		}
		if (maxTextChars == 0) {
			maxTextChars = 20_000;
		}
	}

	long feeFor(String currency) {
		return this.fees.getOrDefault(currency, this.defaultFee);
	}

}
