package io.emberpay.psp.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the simulator.
 *
 * @param maxAuthorizations authorizations kept per acquirer; the oldest are forgotten
 * beyond it so a long load test cannot exhaust memory
 * @param maxIdempotencyKeys idempotency keys kept per acquirer, oldest forgotten first
 * @param maxRequestBytes largest request body accepted
 * @param faults fault injection defaults
 * @param fees what the acquirers charge per settlement line
 * @param settlement settlement report settings
 */
@Validated
@ConfigurationProperties("emberpay.psp")
public record PspProperties(@DefaultValue("200000") @Min(1) int maxAuthorizations,
		@DefaultValue("500000") @Min(1) int maxIdempotencyKeys, @DefaultValue("16384") @Min(256) int maxRequestBytes,
		@Valid @DefaultValue Faults faults, @Valid @DefaultValue Fees fees,
		@Valid @DefaultValue Settlement settlement) {

	/**
	 * @param seed seed of the fault dice; set it for reproducible runs, leave it empty
	 * for a fresh sequence each start
	 * @param hang how long a "timeout" fault holds the answer back after doing the work:
	 * longer than any caller's timeout
	 * @param maxLatency upper bound of injected latency and hang, so a mistyped setting
	 * cannot park threads for hours
	 */
	public record Faults(Long seed, @DefaultValue("30s") @NotNull Duration hang,
			@DefaultValue("120s") @NotNull Duration maxLatency) {
	}

	/**
	 * Fees in integer math: a capture line costs {@code amount * percentBasisPoints /
	 * 10000} (rounded half up) plus {@code fixedMinor}; a refund line costs
	 * {@code refundFixedMinor} (the capture fee is not returned, as with most acquirers).
	 */
	public record Fees(@DefaultValue("290") @Min(0) @Max(10000) int percentBasisPoints,
			@DefaultValue("30") @Min(0) long fixedMinor, @DefaultValue("0") @Min(0) long refundFixedMinor) {
	}

	/**
	 * @param directory where daily settlement files are written
	 * @param cron when the previous UTC day's files are written (UTC)
	 * @param retentionDays days of settlement lines kept in memory
	 * @param maxLinesPerDay settlement lines kept per acquirer and day
	 */
	public record Settlement(@DefaultValue(".platform/psp-settlements") @NotNull Path directory,
			@DefaultValue("0 5 0 * * *") @NotNull String cron, @DefaultValue("35") @Min(1) int retentionDays,
			@DefaultValue("1000000") @Min(1) int maxLinesPerDay) {
	}

}
