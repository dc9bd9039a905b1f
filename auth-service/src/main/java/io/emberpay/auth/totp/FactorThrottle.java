package io.emberpay.auth.totp;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One failure budget per user for second-factor codes, wherever a code is checked (MFA
 * login, disabling TOTP, password change, payment step-up): after {@code maxFailures}
 * wrong codes the factor locks for {@code lockDuration}. Apart from the password throttle
 * and reset only by a correct code, so a known password buys no more guesses.
 */
@Component
class FactorThrottle {

	private final JdbcClient jdbc;

	private final AuthProperties.Mfa settings;

	private final Clock clock;

	FactorThrottle(JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.settings = properties.mfa();
		this.clock = clock;
	}

	/**
	 * Locks the user's row for this transaction; answers the wrong codes that still
	 * count, or the refusal while the factor is locked.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Gate enter(String userId) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into factor_throttle (user_id, failures, last_failure_at) values (?, 0, ?)
				on conflict (user_id) do nothing""").params(userId, Timestamp.from(now)).update();
		Gate gate = this.jdbc
			.sql("select failures, last_failure_at, locked_until from factor_throttle where user_id = ? for update")
			.param(userId)
			.query((rs, n) -> {
				Timestamp lockedUntil = rs.getTimestamp("locked_until");
				if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
					return new Gate(userId, 0,
							new ApiException(AuthError.MFA_LOCKED,
									"Too many wrong codes; the second factor is locked for now", null,
									Duration.between(now, lockedUntil.toInstant())));
				}
				boolean stale = lockedUntil != null || rs.getTimestamp("last_failure_at")
					.toInstant()
					.plus(this.settings.lockDuration())
					.isBefore(now);
				return new Gate(userId, stale ? 0 : rs.getInt("failures"), null);
			})
			.single();
		return gate;
	}

	/** Counts a wrong code; answers the time the factor is now locked until, or null. */
	@Transactional(propagation = Propagation.MANDATORY)
	Instant fail(Gate gate) {
		Instant now = this.clock.instant();
		int failures = gate.failures() + 1;
		Instant lockedUntil = (failures >= this.settings.maxFailures()) ? now.plus(this.settings.lockDuration()) : null;
		this.jdbc
			.sql("update factor_throttle set failures = ?, last_failure_at = ?, locked_until = ? where user_id = ?")
			.params((lockedUntil != null) ? 0 : failures, Timestamp.from(now),
					(lockedUntil != null) ? Timestamp.from(lockedUntil) : null, gate.userId())
			.update();
		return lockedUntil;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void pass(Gate gate) {
		this.jdbc.sql("delete from factor_throttle where user_id = ?").param(gate.userId()).update();
	}

	record Gate(String userId, int failures, ApiException refusal) {
	}

}
