package io.emberpay.auth.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Progressive delay and lockout of password guessing (PCI DSS 8.3.4: locked after at most
 * 10 failures, for at least 30 minutes). State is keyed by a hash of the submitted email,
 * known or not, so the answers never tell whether an account exists. The row is locked
 * for the whole attempt, so parallel guesses at one email are counted one by one.
 */
@Component
public class LoginThrottle {

	private final JdbcClient jdbc;

	private final AuthProperties.Login settings;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.settings = properties.login();
		this.clock = clock;
	}

	/**
	 * Locks the throttle row of {@code normalizedEmail} for this transaction and answers
	 * the refusal to give right now, if any.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Gate enter(String normalizedEmail) {
		byte[] key = SecretDigests.sha256(normalizedEmail);
		Instant now = this.clock.instant();
		this.jdbc
			.sql("insert into login_throttle (email_hash, failures, last_failure_at) values (?, 0, ?)"
					+ " on conflict (email_hash) do nothing")
			.params(key, Timestamp.from(now))
			.update();
		State state = this.jdbc
			.sql("select failures, last_failure_at, locked_until from login_throttle where email_hash = ? for update")
			.param(key)
			.query((rs, n) -> new State(rs.getInt("failures"), rs.getTimestamp("last_failure_at").toInstant(),
					(rs.getTimestamp("locked_until") == null) ? null : rs.getTimestamp("locked_until").toInstant()))
			.single();
		if (state.lockedUntil() != null && state.lockedUntil().isAfter(now)) {
			return new Gate(key, 0, new ApiException(AuthError.ACCOUNT_LOCKED,
					"Too many failed attempts; try again later", null, Duration.between(now, state.lockedUntil())));
		}
		boolean stale = state.lockedUntil() != null
				|| state.lastFailureAt().plus(this.settings.lockDuration()).isBefore(now);
		int failures = stale ? 0 : state.failures();
		Instant nextAttempt = state.lastFailureAt().plus(delayAfter(failures));
		if (failures >= this.settings.delayAfterFailures() && nextAttempt.isAfter(now)) {
			return new Gate(key, failures, new ApiException(AuthError.LOGIN_THROTTLED, "Wait before the next attempt",
					null, Duration.between(now, nextAttempt)));
		}
		return new Gate(key, failures, null);
	}

	/**
	 * Counts a failure; answers the time the login is now locked until, or null.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Instant fail(Gate gate) {
		Instant now = this.clock.instant();
		int failures = gate.failures() + 1;
		Instant lockedUntil = (failures >= this.settings.maxFailures()) ? now.plus(this.settings.lockDuration()) : null;
		this.jdbc
			.sql("update login_throttle set failures = ?, last_failure_at = ?, locked_until = ? where email_hash = ?")
			.params((lockedUntil != null) ? 0 : failures, Timestamp.from(now),
					(lockedUntil != null) ? Timestamp.from(lockedUntil) : null, gate.key())
			.update();
		return lockedUntil;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void pass(Gate gate) {
		this.jdbc.sql("delete from login_throttle where email_hash = ?").param(gate.key()).update();
	}

	/** The wait after {@code failures} consecutive failures: doubling, capped. */
	Duration delayAfter(int failures) {
		int over = failures - this.settings.delayAfterFailures();
		if (over < 0) {
			return Duration.ZERO;
		}
		Duration delay = this.settings.delayBase().multipliedBy(1L << Math.min(over, 20));
		return (delay.compareTo(this.settings.delayMax()) > 0) ? this.settings.delayMax() : delay;
	}

	/**
	 * Forgets failures nobody has repeated for a lock period, e.g. guesses at unknown
	 * emails.
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
	void forgetStale() {
		Instant horizon = this.clock.instant().minus(this.settings.lockDuration());
		this.jdbc
			.sql("delete from login_throttle where last_failure_at < ? and (locked_until is null or locked_until < ?)")
			.params(Timestamp.from(horizon), Timestamp.from(this.clock.instant()))
			.update();
		this.jdbc.sql("delete from mfa_login where expires_at < ?").param(Timestamp.from(horizon)).update();
	}

	/** The locked throttle row of one attempt and the refusal to give, if any. */
	public record Gate(byte[] key, int failures, ApiException refusal) {
	}

	private record State(int failures, Instant lastFailureAt, Instant lockedUntil) {
	}

}
