package io.emberpay.notification.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Receipts and alerts to users and merchants.
 *
 * @param from sender address of every email
 * @param largePaymentMinor per ISO 4217 currency, the amount (minor units) from which a
 * payment also alerts its user; currencies not listed never count as large
 * @param maxAttempts sends tried before a notice is given up (it stays stored as failed)
 * @param retryDelay first delay between attempts, doubled each time up to one hour
 * @param pollInterval how often the sender looks for due notices
 */
@Validated
@ConfigurationProperties("emberpay.notification.notices")
public record NoticeProperties(@NotBlank String from, @NotNull Map<String, @NotNull @Positive Long> largePaymentMinor,
		@Min(1) @Max(100) int maxAttempts, @NotNull Duration retryDelay, @NotNull Duration pollInterval) {

	public NoticeProperties {
		from = (from != null) ? from : "Emberpay <no-reply@emberpay.local>";
		largePaymentMinor = (largePaymentMinor != null) ? Map.copyOf(largePaymentMinor)
				: Map.of("USD", 100_000L, "EUR", 100_000L, "GBP", 100_000L, "JPY", 10_000_000L);
		// 0 is "not set"; a negative count is left for validation to refuse
		maxAttempts = (maxAttempts != 0) ? maxAttempts : 10;
		retryDelay = (retryDelay != null) ? retryDelay : Duration.ofSeconds(30);
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofMillis(500);
	}

	@AssertTrue(message = "retry-delay and poll-interval must be positive")
	boolean isPositive() {
		return this.retryDelay.isPositive() && this.pollInterval.isPositive();
	}

}
