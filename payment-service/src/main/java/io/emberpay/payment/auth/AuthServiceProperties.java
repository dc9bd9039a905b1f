package io.emberpay.payment.auth;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How payment-service reaches auth-service's internal API.
 *
 * @param url auth-service base URL
 * @param timeout per call
 * @param merchantCacheTtl how long a merchant lookup is trusted
 * @param merchantCacheSize bound on cached merchants
 */
@Validated
@ConfigurationProperties("emberpay.services.auth")
public record AuthServiceProperties(@NotNull String url, @NotNull Duration timeout, @NotNull Duration merchantCacheTtl,
		@Min(1) int merchantCacheSize) {
}
