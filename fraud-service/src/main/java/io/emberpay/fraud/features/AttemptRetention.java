package io.emberpay.fraud.features;

import java.time.Clock;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Deletes attempts older than the retention period in bounded batches. The longest window
 * a rule reads is 24 hours (the previous location excepted, which only needs the latest
 * attempt), and amount history lives on in {@code amount_stats}, so old rows only cost
 * space. Every replica may run this: deleting is idempotent and batches are small.
 */
@Component
class AttemptRetention {

	private static final Logger log = LoggerFactory.getLogger(AttemptRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Settings settings;

	AttemptRetention(JdbcClient jdbc, Clock clock, Settings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	@Scheduled(initialDelayString = "${emberpay.fraud.retention.interval}",
			fixedDelayString = "${emberpay.fraud.retention.interval}")
	void prune() {
		var cutoff = SqlValues.time(this.clock.instant().minus(this.settings.keep()));
		int total = 0;
		for (int batch = 0; batch < this.settings.maxBatches(); batch++) {
			int deleted = this.jdbc.sql("""
					delete from payment_attempt where payment_id in (
					    select payment_id from payment_attempt where occurred_at < :cutoff limit :batchSize)""")
				.param("cutoff", cutoff)
				.param("batchSize", this.settings.batchSize())
				.update();
			total += deleted;
			if (deleted < this.settings.batchSize()) {
				break;
			}
		}
		if (total > 0) {
			log.info("Pruned {} payment attempts older than {}", total, this.settings.keep());
		}
	}

	/** How long attempts are kept, and how much one run may delete. */
	@Validated
	@ConfigurationProperties("emberpay.fraud.retention")
	record Settings(@NotNull Duration keep, @NotNull Duration interval, @Min(1) @Max(100_000) int batchSize,
			@Min(1) @Max(10_000) int maxBatches) {
	}

}
