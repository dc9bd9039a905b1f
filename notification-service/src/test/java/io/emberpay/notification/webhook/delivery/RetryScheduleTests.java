package io.emberpay.notification.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.emberpay.notification.config.WebhookProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryScheduleTests {

	private static final Instant FAILED_AT = Instant.parse("2026-11-22T00:00:00Z");

	private static WebhookProperties defaults() {
		return new WebhookProperties("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", null, null, 0, null, 0, 0, null, 0,
				null, 0, null);
	}

	@Test
	void followsTheDocumentedDelaysWithUpToTenPercentJitter() {
		RetrySchedule schedule = new RetrySchedule(defaults());
		List<Duration> expected = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
				Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));
		for (int step = 0; step < expected.size(); step++) {
			for (int sample = 0; sample < 50; sample++) {
				Duration delay = Duration.between(FAILED_AT, schedule.nextAttempt(step, FAILED_AT).orElseThrow());
				assertThat(delay).isBetween(expected.get(step),
						expected.get(step).plus(expected.get(step).dividedBy(10)));
			}
		}
	}

	@Test
	void keepsTryingForMoreThanThreeDaysThenStops() {
		RetrySchedule schedule = new RetrySchedule(defaults());
		Instant at = FAILED_AT;
		int step = 0;
		while (true) {
			var next = schedule.nextAttempt(step, at);
			if (next.isEmpty()) {
				break;
			}
			at = next.get();
			step++;
		}
		assertThat(Duration.between(FAILED_AT, at)).isGreaterThan(Duration.ofDays(3));
		assertThat(step + 1).isEqualTo(schedule.attempts());
	}

	@Test
	void refusesAScheduleShorterThanThreeDays() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", null,
					List.of(Duration.ofSeconds(5), Duration.ofHours(1)), 0, null, 0, 0, null, 0, null, 0, null))
			.withMessageContaining("3 days");
	}

}
