package io.emberpay.ledger.posting;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Group commit of API postings: at most {@code maxBatch} postings per database
 * transaction, at most {@code queueCapacity} waiting (then 503), and how long a request
 * waits for its commit before answering 503 (its outcome is then found by retrying with
 * the same key). Under load, the writer waits at most {@code linger} to fill a batch as
 * large as the previous one.
 */
@Validated
@ConfigurationProperties("emberpay.ledger.batch")
public record PostingBatchProperties(@Min(1) @Max(5000) int maxBatch, @Min(1) @Max(100_000) int queueCapacity,
		Duration commitTimeout, Duration linger) {

	public PostingBatchProperties {
		if (maxBatch == 0) {
			maxBatch = 500;
		}
		if (queueCapacity == 0) {
			queueCapacity = 10_000;
		}
		if (commitTimeout == null) {
			commitTimeout = Duration.ofSeconds(10);
		}
		if (linger == null) {
			linger = Duration.ofMillis(2);
		}
	}

}
