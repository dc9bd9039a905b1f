package io.emberpay.payment.idempotency;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param retention how long a key and its response are kept (at least 24 h, api.md)
 * @param lockTtl how long an in-flight request holds its key; after that a retry may take
 * it over (the request crashed). Longer than any request can take.
 * @param requiredPaths POST paths (Ant patterns) that move money and need a key
 * @param maxBodyBytes largest request body the filter buffers
 */
@Validated
@ConfigurationProperties("emberpay.idempotency")
public record IdempotencyProperties(@NotNull Duration retention, @NotNull Duration lockTtl,
		@NotNull List<String> requiredPaths, @Min(1024) int maxBodyBytes, @NotNull Duration purgeInterval,
		@Min(1) int purgeBatchSize) {

	public IdempotencyProperties {
		if (retention != null && retention.compareTo(Duration.ofHours(24)) < 0) {
			throw new IllegalArgumentException("emberpay.idempotency.retention must be at least 24 hours");
		}
	}

}
