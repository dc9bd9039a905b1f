package io.emberpay.subscription.testclock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Test clocks in PostgreSQL, and what falls due on one; callers hold the transaction. */
@Component
class TestClockStore {

	private final JdbcClient jdbc;

	TestClockStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TestClock clock) {
		this.jdbc.sql("""
				insert into test_clock (id, merchant, name, frozen_time, status, created)
				values (?, ?, ?, ?, ?, ?)""")
			.params(clock.id(), clock.merchant(), clock.name(), Timestamp.from(clock.frozenTime()),
					clock.status().wire(), Timestamp.from(clock.created()))
			.update();
	}

	Optional<TestClock> find(String id) {
		return this.jdbc.sql("select * from test_clock where id = ? and deleted_at is null")
			.param(id)
			.query(TestClockStore::clock)
			.optional();
	}

	Optional<TestClock> lock(String id) {
		return this.jdbc.sql("select * from test_clock where id = ? and deleted_at is null for update")
			.param(id)
			.query(TestClockStore::clock)
			.optional();
	}

	void startAdvance(String id, Instant to) {
		this.jdbc.sql("update test_clock set status = 'advancing', advancing_to = ?, claimed_until = null where id = ?")
			.params(Timestamp.from(to), id)
			.update();
	}

	void delete(String id, Instant at) {
		this.jdbc.sql("update test_clock set deleted_at = ? where id = ?").params(Timestamp.from(at), id).update();
	}

	/**
	 * Claims an advancing clock for one runner until {@code now + lease} (real time),
	 * unless another runner holds it.
	 */
	Optional<TestClock> claim(String id, Instant now, Duration lease) {
		return this.jdbc.sql("""
				update test_clock set claimed_until = :until
				where id = :id and status = 'advancing' and deleted_at is null
				  and (claimed_until is null or claimed_until < :now)
				returning *""")
			.param("until", Timestamp.from(now.plus(lease)))
			.param("now", Timestamp.from(now))
			.param("id", id)
			.query(TestClockStore::clock)
			.optional();
	}

	/**
	 * Advancing clocks no runner holds (a runner died, or gave up after its step bound).
	 */
	List<String> unclaimedAdvancing(Instant now, int limit) {
		return this.jdbc.sql("""
				select id from test_clock
				where status = 'advancing' and deleted_at is null and (claimed_until is null or claimed_until < ?)
				order by id limit ?""").params(Timestamp.from(now), limit).query(String.class).list();
	}

	/**
	 * The earliest instant something falls due on the clock: a trial or period that ends,
	 * an invoice attempt (one a runner holds is not due yet), an entitlement that runs
	 * out.
	 */
	Optional<Instant> nextDue(String id, Instant now) {
		return this.jdbc.sql("""
				select min(due) from (
				  select min(current_period_end) as due from subscription
				  where test_clock = :id and status in ('trialing', 'active')
				  union all
				  select min(next_attempt_at) from invoice
				  where test_clock = :id and status = 'open' and (claimed_until is null or claimed_until < :now)
				  union all
				  select min(expires_at) from entitlement where test_clock = :id and revoked_at is null
				) as due_on_clock""")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/** Moves the clock's time to {@code at} on the way, renewing the runner's lease. */
	void moveTo(String id, Instant at, Instant leaseUntil) {
		this.jdbc.sql("update test_clock set frozen_time = ?, claimed_until = ? where id = ?")
			.params(Timestamp.from(at), Timestamp.from(leaseUntil), id)
			.update();
	}

	void finish(String id, Instant at) {
		this.jdbc.sql("""
				update test_clock set frozen_time = ?, status = 'ready', advancing_to = null, claimed_until = null
				where id = ? and status = 'advancing'""").params(Timestamp.from(at), id).update();
	}

	void release(String id) {
		this.jdbc.sql("update test_clock set claimed_until = null where id = ?").param(id).update();
	}

	private static TestClock clock(ResultSet rs, int row) throws SQLException {
		return new TestClock(rs.getString("id"), rs.getString("merchant"), rs.getString("name"),
				instant(rs, "frozen_time"), TestClock.Status.parse(rs.getString("status")), instant(rs, "advancing_to"),
				instant(rs, "deleted_at"), instant(rs, "created"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value == null) ? null : value.toInstant();
	}

}
