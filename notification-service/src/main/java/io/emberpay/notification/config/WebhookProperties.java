package io.emberpay.notification.config;

import java.time.Duration;
import java.util.List;

import io.emberpay.starter.keys.DeploymentKey;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook delivery settings.
 *
 * @param secretKey base64 AES-256 key that encrypts endpoint signing secrets at rest;
 * from the deployment's secret store ({@link DeploymentKey})
 * @param secretOverlap how long a rotated-out secret keeps signing beside the new one
 * @param retrySchedule delays between attempts after the first one; must span 3 days
 * @param jitterRatio up to this fraction of a delay is added at random, so retries of one
 * outage do not arrive in lockstep
 * @param requestTimeout time a receiver has to answer 2xx, connection included
 * @param maxInFlightPerEndpoint sends in flight to one endpoint, across all replicas
 * @param maxInFlight sends in flight in this replica
 * @param pollInterval how often a replica looks for due deliveries when nothing woke it
 * @param claimBatch deliveries claimed per query
 * @param leaseDuration how long a claimed delivery stays reserved to its replica
 * @param maxEndpointsPerMerchant endpoints one merchant may register
 * @param insecureLocalHosts host names for which plain http and loopback targets are
 * allowed (local runs and tests only; empty in production)
 */
@Validated
@ConfigurationProperties("emberpay.notification.webhooks")
public record WebhookProperties(@DeploymentKey String secretKey, Duration secretOverlap, List<Duration> retrySchedule,
		double jitterRatio, Duration requestTimeout, @Min(1) @Max(1000) int maxInFlightPerEndpoint,
		@Min(1) @Max(10_000) int maxInFlight, Duration pollInterval, @Min(1) @Max(10_000) int claimBatch,
		Duration leaseDuration, @Min(1) @Max(1000) int maxEndpointsPerMerchant, List<String> insecureLocalHosts) {

	private static final Duration MINIMUM_RETRY_SPAN = Duration.ofDays(3);

	public WebhookProperties {
		secretOverlap = (secretOverlap != null) ? secretOverlap : Duration.ofHours(24);
		retrySchedule = List.copyOf((retrySchedule != null && !retrySchedule.isEmpty()) ? retrySchedule
				: List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
						Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10), Duration.ofHours(10),
						Duration.ofHours(10), Duration.ofHours(10), Duration.ofHours(10), Duration.ofHours(10)));
		Duration span = retrySchedule.stream().reduce(Duration.ZERO, Duration::plus);
		if (span.compareTo(MINIMUM_RETRY_SPAN) < 0) {
			throw new IllegalArgumentException("retry-schedule spans " + span + "; merchants are promised 3 days");
		}
		jitterRatio = (jitterRatio > 0) ? jitterRatio : 0.1;
		if (jitterRatio > 0.5) {
			throw new IllegalArgumentException("jitter-ratio must be at most 0.5");
		}
		requestTimeout = (requestTimeout != null) ? requestTimeout : Duration.ofSeconds(15);
		// 0 is "not set"; a negative count is left for validation to refuse
		maxInFlightPerEndpoint = (maxInFlightPerEndpoint != 0) ? maxInFlightPerEndpoint : 8;
		maxInFlight = (maxInFlight != 0) ? maxInFlight : 256;
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofMillis(250);
		claimBatch = (claimBatch != 0) ? claimBatch : 100;
		leaseDuration = (leaseDuration != null) ? leaseDuration : Duration.ofSeconds(60);
		if (leaseDuration.compareTo(requestTimeout.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("lease-duration must be at least twice request-timeout");
		}
		maxEndpointsPerMerchant = (maxEndpointsPerMerchant != 0) ? maxEndpointsPerMerchant : 16;
		insecureLocalHosts = (insecureLocalHosts != null) ? List.copyOf(insecureLocalHosts) : List.of();
	}

	@AssertTrue(message = "secret-overlap, every retry delay, request-timeout and poll-interval must be positive")
	boolean isPositive() {
		return this.secretOverlap.isPositive() && this.retrySchedule.stream().allMatch(Duration::isPositive)
				&& this.requestTimeout.isPositive() && this.pollInterval.isPositive();
	}

}
