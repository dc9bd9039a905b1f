package io.emberpay.notification.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.emberpay.notification.config.WebhookProperties;

import org.springframework.stereotype.Component;

/**
 * When a failed delivery is tried again: the configured delays (5 s, 5 min, 30 min, 2 h,
 * 5 h, then 10 h, spanning more than 3 days), each stretched by a random jitter so the
 * retries of one outage spread out.
 */
@Component
public class RetrySchedule {

	private final List<Duration> delays;

	private final double jitterRatio;

	RetrySchedule(WebhookProperties properties) {
		this.delays = properties.retrySchedule();
		this.jitterRatio = properties.jitterRatio();
	}

	/**
	 * The next attempt after the failed attempt number {@code failedStep} (0 = the first
	 * attempt), or empty when the schedule is exhausted.
	 */
	public Optional<Instant> nextAttempt(int failedStep, Instant failedAt) {
		if (failedStep < 0) {
			throw new IllegalArgumentException("step must not be negative");
		}
		if (failedStep >= this.delays.size()) {
			return Optional.empty();
		}
		Duration delay = this.delays.get(failedStep);
		long jitterMs = (long) (delay.toMillis() * this.jitterRatio * ThreadLocalRandom.current().nextDouble());
		return Optional.of(failedAt.plus(delay).plusMillis(jitterMs));
	}

	public int attempts() {
		return this.delays.size() + 1;
	}

}
