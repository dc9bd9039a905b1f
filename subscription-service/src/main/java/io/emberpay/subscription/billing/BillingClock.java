package io.emberpay.subscription.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The time a billing decision reads: the injected clock, or, for a test-mode subscription
 * made on a test clock, that clock's frozen time. Every rule (trial end, renewal,
 * proration, dunning, period-end cancellation) asks here for the subscription it works
 * on.
 */
@Component
public class BillingClock {

	private final JdbcClient jdbc;

	private final Clock clock;

	BillingClock(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Real time: for everything that is on no test clock, and for leases. */
	public Instant now() {
		return this.clock.instant();
	}

	/** The time of {@code testClock}, or real time when it is {@code null}. */
	public Instant now(String testClock) {
		if (testClock == null) {
			return this.clock.instant();
		}
		return frozenTime(testClock).orElseThrow(() -> new IllegalStateException("No test clock " + testClock));
	}

	/** A test clock as a subscription sees it, deleted or not. */
	public Optional<TestClockState> find(String testClock) {
		return this.jdbc.sql("select id, merchant, frozen_time, deleted_at from test_clock where id = ?")
			.param(testClock)
			.query((rs, row) -> new TestClockState(rs.getString("id"), rs.getString("merchant"),
					rs.getTimestamp("frozen_time").toInstant(), rs.getTimestamp("deleted_at") != null))
			.optional();
	}

	private Optional<Instant> frozenTime(String testClock) {
		return this.jdbc.sql("select frozen_time from test_clock where id = ?")
			.param(testClock)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/** What a subscription needs to know of a test clock to be made on it. */
	public record TestClockState(String id, String merchant, Instant frozenTime, boolean deleted) {
	}

}
