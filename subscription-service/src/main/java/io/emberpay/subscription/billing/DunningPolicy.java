package io.emberpay.subscription.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How failed invoices are retried and what happens when retries run out.
 *
 * @param retryAfter when each retry happens, counted from the invoice's creation (its due
 * time), e.g. 1, 3, 5 and 7 days
 * @param exhausted what the subscription becomes after the last retry failed
 * @param gracePeriod how long past the paid period the tier stays usable while dunning
 * runs
 */
@Validated
@ConfigurationProperties("emberpay.subscription.dunning")
public record DunningPolicy(@NotEmpty @Size(max = 10) List<Duration> retryAfter, @NotNull Exhausted exhausted,
		@NotNull Duration gracePeriod) {

	public enum Exhausted {

		UNPAID, CANCELED

	}

	public DunningPolicy {
		retryAfter = List.copyOf(retryAfter);
		for (int i = 0; i < retryAfter.size(); i++) {
			if (retryAfter.get(i).isNegative() || (i > 0 && retryAfter.get(i).compareTo(retryAfter.get(i - 1)) <= 0)) {
				throw new IllegalArgumentException("dunning retry-after must be positive and increasing");
			}
		}
	}

	/**
	 * When to try again after {@code failedAttempts} failures of an invoice due at
	 * {@code dueAt}; empty when the schedule is used up. Never before {@code now}.
	 */
	public Optional<Instant> nextAttempt(Instant dueAt, int failedAttempts, Instant now) {
		if (failedAttempts < 1 || failedAttempts > this.retryAfter.size()) {
			return Optional.empty();
		}
		Instant planned = dueAt.plus(this.retryAfter.get(failedAttempts - 1));
		return Optional.of(planned.isBefore(now) ? now : planned);
	}

}
