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
 * 10 failures, for at least 30 minutes), counted per (email, client address): guesses
 * from one address lock that address only, so nobody can lock a user out from elsewhere.
 * Across all addresses, failures at one email slow down (never lock) addresses that never
 * logged in to the account, which bounds guessing from many addresses. State is keyed by
 * hashes of the submitted email, known or not, so the answers never tell whether an
 * account exists. The rows are locked for the whole attempt, so parallel guesses at one
 * email are counted one by one. Second-factor codes have their own budget
 * (mfa.FactorThrottle).
 */
@Component
public class LoginThrottle {

	/** The address hash of the row counting failures from every address. */
	private static final byte[] ALL_ADDRESSES = new byte[0];

	private final JdbcClient jdbc;

	private final SecretDigests digests;

	private final AuthProperties.Login settings;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, SecretDigests digests, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.digests = digests;
		this.settings = properties.login();
		this.clock = clock;
	}

	/**
	 * Locks the throttle rows of {@code normalizedEmail} (all addresses, then
	 * {@code address}) for this transaction and answers the refusal to give right now, if
	 * any.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Gate enter(String normalizedEmail, String address) {
		byte[] email = SecretDigests.sha256(normalizedEmail);
		byte[] from = this.digests.peppered("address:" + ((address != null) ? address : "unknown"));
		Instant now = this.clock.instant();
		State all = lock(email, ALL_ADDRESSES, now);
		State own = lock(email, from, now);
		if (own.lockedUntil() != null && own.lockedUntil().isAfter(now)) {
			return new Gate(email, from, 0, 0, new ApiException(AuthError.ACCOUNT_LOCKED,
					"Too many failed attempts; try again later", null, Duration.between(now, own.lockedUntil())));
		}
		int failures = own.current(now, this.settings.lockDuration());
		int everywhere = all.current(now, this.settings.lockDuration());
		Instant nextAttempt = own.lastFailureAt().plus(delayAfter(failures, this.settings.delayAfterFailures()));
		if (failures >= this.settings.delayAfterFailures() && nextAttempt.isAfter(now)) {
			return new Gate(email, from, failures, everywhere, throttled(now, nextAttempt));
		}
		int slowAfter = this.settings.slowDownAfterFailures();
		Instant nextAnywhere = all.lastFailureAt().plus(delayAfter(everywhere, slowAfter));
		if (everywhere >= slowAfter && nextAnywhere.isAfter(now) && !known(email, from)) {
			return new Gate(email, from, failures, everywhere, throttled(now, nextAnywhere));
		}
		return new Gate(email, from, failures, everywhere, null);
	}

	/**
	 * Counts a failure; answers the time the login from this address is now locked until,
	 * or null.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Instant fail(Gate gate) {
		Instant now = this.clock.instant();
		int failures = gate.failures() + 1;
		Instant lockedUntil = (failures >= this.settings.maxFailures()) ? now.plus(this.settings.lockDuration()) : null;
		update(gate.email(), gate.address(), (lockedUntil != null) ? 0 : failures, now, lockedUntil);
		update(gate.email(), ALL_ADDRESSES, gate.failuresEverywhere() + 1, now, null);
		return lockedUntil;
	}

	/**
	 * A right password: the address starts afresh and is known to the account from now
	 * on. The count across addresses stays, so the user's own logins buy a guesser
	 * nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void pass(Gate gate) {
		this.jdbc.sql("delete from login_throttle where email_hash = ? and address_hash = ?")
			.params(gate.email(), gate.address())
			.update();
		this.jdbc.sql("""
				insert into login_address (email_hash, address_hash, last_success_at) values (?, ?, ?)
				on conflict (email_hash, address_hash) do update set last_success_at = excluded.last_success_at""")
			.params(gate.email(), gate.address(), Timestamp.from(this.clock.instant()))
			.update();
	}

	/** The wait after {@code failures} consecutive failures: doubling, capped. */
	Duration delayAfter(int failures, int delayAfterFailures) {
		int over = failures - delayAfterFailures;
		if (over < 0) {
			return Duration.ZERO;
		}
		Duration delay = this.settings.delayBase().multipliedBy(1L << Math.min(over, 20));
		return (delay.compareTo(this.settings.delayMax()) > 0) ? this.settings.delayMax() : delay;
	}

	/**
	 * Forgets failures nobody has repeated for a lock period, e.g. guesses at unknown
	 * emails, and addresses not used to log in for a long time.
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
	void forgetStale() {
		Instant now = this.clock.instant();
		Instant horizon = now.minus(this.settings.lockDuration());
		this.jdbc
			.sql("delete from login_throttle where last_failure_at < ? and (locked_until is null or locked_until < ?)")
			.params(Timestamp.from(horizon), Timestamp.from(now))
			.update();
		this.jdbc.sql("delete from login_address where last_success_at < ?")
			.param(Timestamp.from(now.minus(this.settings.knownAddressTtl())))
			.update();
		this.jdbc.sql("delete from mfa_login where expires_at < ?").param(Timestamp.from(horizon)).update();
	}

	private State lock(byte[] email, byte[] address, Instant now) {
		this.jdbc
			.sql("insert into login_throttle (email_hash, address_hash, failures, last_failure_at) values (?, ?, 0, ?)"
					+ " on conflict (email_hash, address_hash) do nothing")
			.params(email, address, Timestamp.from(now))
			.update();
		return this.jdbc.sql("""
				select failures, last_failure_at, locked_until from login_throttle
				where email_hash = ? and address_hash = ? for update""")
			.params(email, address)
			.query((rs, n) -> new State(rs.getInt("failures"), rs.getTimestamp("last_failure_at").toInstant(),
					(rs.getTimestamp("locked_until") == null) ? null : rs.getTimestamp("locked_until").toInstant()))
			.single();
	}

	private void update(byte[] email, byte[] address, int failures, Instant now, Instant lockedUntil) {
		this.jdbc.sql("""
				update login_throttle set failures = ?, last_failure_at = ?, locked_until = ?
				where email_hash = ? and address_hash = ?""")
			.params(failures, Timestamp.from(now), (lockedUntil != null) ? Timestamp.from(lockedUntil) : null, email,
					address)
			.update();
	}

	private boolean known(byte[] email, byte[] address) {
		return this.jdbc.sql("select count(*) from login_address where email_hash = ? and address_hash = ?")
			.params(email, address)
			.query(Long.class)
			.single() > 0;
	}

	private static ApiException throttled(Instant now, Instant nextAttempt) {
		return new ApiException(AuthError.LOGIN_THROTTLED, "Wait before the next attempt", null,
				Duration.between(now, nextAttempt));
	}

	/** The locked throttle rows of one attempt and the refusal to give, if any. */
	public record Gate(byte[] email, byte[] address, int failures, int failuresEverywhere, ApiException refusal) {
	}

	private record State(int failures, Instant lastFailureAt, Instant lockedUntil) {

		/** The failures that still count: none after a lock or a quiet lock period. */
		int current(Instant now, Duration lockDuration) {
			boolean stale = this.lockedUntil != null || this.lastFailureAt.plus(lockDuration).isBefore(now);
			return stale ? 0 : this.failures;
		}

	}

}
