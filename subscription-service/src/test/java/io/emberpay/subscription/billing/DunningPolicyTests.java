package io.emberpay.subscription.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DunningPolicyTests {

	private final DunningPolicy policy = new DunningPolicy(
			List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)),
			DunningPolicy.Exhausted.UNPAID, Duration.ofDays(3));

	private final Instant due = Instant.parse("2026-03-01T00:00:00Z");

	@Test
	void retriesOneThreeFiveAndSevenDaysAfterTheDueDate() {
		assertThat(this.policy.nextAttempt(this.due, 1, this.due)).contains(Instant.parse("2026-03-02T00:00:00Z"));
		assertThat(this.policy.nextAttempt(this.due, 2, this.due)).contains(Instant.parse("2026-03-04T00:00:00Z"));
		assertThat(this.policy.nextAttempt(this.due, 3, this.due)).contains(Instant.parse("2026-03-06T00:00:00Z"));
		assertThat(this.policy.nextAttempt(this.due, 4, this.due)).contains(Instant.parse("2026-03-08T00:00:00Z"));
	}

	@Test
	void hasNoAttemptAfterTheLastRetry() {
		assertThat(this.policy.nextAttempt(this.due, 5, this.due)).isEmpty();
	}

	@Test
	void neverPlansAnAttemptInThePast() {
		Instant late = Instant.parse("2026-03-20T00:00:00Z");

		assertThat(this.policy.nextAttempt(this.due, 2, late)).contains(late);
	}

	@Test
	void refusesASchedueThatDoesNotIncrease() {
		assertThatThrownBy(() -> new DunningPolicy(List.of(Duration.ofDays(3), Duration.ofDays(1)),
				DunningPolicy.Exhausted.CANCELED, Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
