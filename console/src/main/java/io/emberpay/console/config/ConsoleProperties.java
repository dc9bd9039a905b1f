package io.emberpay.console.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway is and how long the console waits for it.
 *
 * @param gatewayUrl the public API's base URL (the gateway), which every page calls
 * @param connectTimeout connecting to the gateway
 * @param readTimeout waiting for the gateway's answer; a payment capture may take the
 * acquirer's time
 * @param maxScannedPages pages of 100 a filtered list reads at most: the API has no
 * search, so filters apply to the newest {@code maxScannedPages * 100} objects
 */
@Validated
@ConfigurationProperties("emberpay.console")
public record ConsoleProperties(@NotNull URI gatewayUrl, @NotNull Duration connectTimeout,
		@NotNull Duration readTimeout, @Min(1) @Max(20) int maxScannedPages) {
}
