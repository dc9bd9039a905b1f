package io.emberpay.payment.psp;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Acquirer endpoints, routing and every resilience option, all explicit: nothing relies
 * on a library default.
 *
 * @param baseUrl where the acquirers (the simulator) listen
 * @param routing primary and secondary acquirer by merchant, with {@code default} for the
 * rest
 * @param janitorGrace how long a payment stays {@code processing} before the janitor asks
 * the acquirer; longer than all attempts of a request together
 */
@Validated
@ConfigurationProperties("emberpay.psp")
public record PspProperties(@NotNull String baseUrl, @NotNull Duration connectTimeout,
		@NotEmpty Map<String, @Valid Route> routing, @NotNull @Valid Resilience resilience,
		@NotNull Duration janitorInterval, @NotNull Duration janitorGrace, @Min(1) int janitorBatchSize) {

	public Route routeFor(String merchantId) {
		Route route = this.routing.get(merchantId);
		return (route != null) ? route : this.routing.get("default");
	}

	public record Route(@NotNull String primary, String secondary) {
	}

	/**
	 * @param timeout the time limiter: one attempt's wall-clock budget
	 * @param retryMaxAttempts attempts per acquirer, the first included
	 * @param retryInitialInterval first backoff, then times {@code retryMultiplier}, each
	 * randomised by {@code retryRandomization} (jitter)
	 * @param breakerWindowSize calls in the count-based sliding window
	 * @param breakerMinimumCalls calls before the failure rate counts
	 * @param breakerFailureRatePercent failure rate that opens the breaker
	 * @param breakerOpenDuration how long it stays open before half-open
	 * @param breakerHalfOpenCalls trial calls in half-open
	 * @param bulkheadMaxConcurrentCalls calls in flight per acquirer
	 * @param bulkheadMaxWait how long a call waits for a bulkhead slot
	 */
	public record Resilience(@NotNull Duration timeout, @Min(1) int retryMaxAttempts,
			@NotNull Duration retryInitialInterval, @DecimalMin("1.0") double retryMultiplier,
			@DecimalMin("0.0") @DecimalMax("1.0") double retryRandomization, @Min(1) int breakerWindowSize,
			@Min(1) int breakerMinimumCalls, @DecimalMin("1") @DecimalMax("100") float breakerFailureRatePercent,
			@NotNull Duration breakerOpenDuration, @Min(1) int breakerHalfOpenCalls,
			@DecimalMin("1") @DecimalMax("100") float breakerSlowCallRatePercent,
			@NotNull Duration breakerSlowCallDuration, @Min(1) int bulkheadMaxConcurrentCalls,
			@NotNull Duration bulkheadMaxWait) {
	}

}
