package io.emberpay.starter.idempotency;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled whether the service keeps Idempotency-Keys (it then owns an
 * {@code idempotency_key} table in its own migrations)
 * @param retention how long a key and its response are kept (at least 24 h, api.md)
 * @param lockTtl how long an in-flight request holds its key; after that a retry may take
 * it over (the request crashed). Longer than any request can take.
 * @param acceptedPaths POST paths (Ant patterns) that take a key when one is sent
 * @param excludedPaths POST paths (Ant patterns) left alone even if accepted: calls with
 * no caller of their own (a provider's webhook), or bodies that must not even be hashed
 * into a table (a card number)
 * @param requiredPaths POST paths (Ant patterns) that move money and need a key
 * @param maxBodyBytes largest request body the filter buffers
 * @param purgeInterval how often expired keys are deleted
 * @param purgeBatchSize keys deleted per statement
 */
@Validated
@ConfigurationProperties("emberpay.idempotency")
public record IdempotencyProperties(@DefaultValue("false") boolean enabled, @NotNull Duration retention,
		@NotNull Duration lockTtl, @NotEmpty List<String> acceptedPaths, @DefaultValue List<String> excludedPaths,
		@NotNull List<String> requiredPaths, @Min(1024) int maxBodyBytes, @NotNull Duration purgeInterval,
		@Min(1) int purgeBatchSize) {

	public IdempotencyProperties {
		if (retention != null && retention.compareTo(Duration.ofHours(24)) < 0) {
			throw new IllegalArgumentException("emberpay.idempotency.retention must be at least 24 hours");
		}
	}

}
