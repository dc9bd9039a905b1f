package io.emberpay.subscription.renewal;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the renewal run works through what is due.
 *
 * @param interval pause between two runs on one replica
 * @param batchSize subscriptions rolled over, or invoices claimed, per transaction
 * @param claimLease how long a claimed invoice stays another runner's; a runner that died
 * mid-charge loses it after this, and the next claim sends the same idempotency key
 * @param concurrency charges in flight per replica
 * @param unknownOutcomeRetry when to ask again about a charge whose outcome is not known
 * (payment-service unreachable, or the payment still processing)
 */
@Validated
@ConfigurationProperties("emberpay.subscription.renewal")
public record RenewalProperties(@NotNull Duration interval, @Min(1) @Max(5000) int batchSize,
		@NotNull Duration claimLease, @Min(1) @Max(256) int concurrency, Duration unknownOutcomeRetry) {

	public RenewalProperties {
		if (unknownOutcomeRetry == null) {
			unknownOutcomeRetry = Duration.ofMinutes(1);
		}
	}

}
