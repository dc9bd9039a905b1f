package io.emberpay.auth.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.auth.token.Sessions;
import io.emberpay.auth.token.TokenResponse;
import io.emberpay.auth.totp.TotpFactors;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password login and its MFA second step. Each attempt runs in one transaction holding
 * the email's throttle row; refusals are recorded (audit, counters) and committed before
 * the error is answered.
 */
@Service
class LoginService {

	/** Subject of events about an email no account has. */
	static final String ANONYMOUS = "anonymous";

	private final Accounts accounts;

	private final LoginThrottle throttle;

	private final Devices devices;

	private final Sessions sessions;

	private final TotpFactors totp;

	private final SecurityAudit audit;

	private final PasswordEncoder passwords;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuthProperties.Mfa mfa;

	private final AccountLocks locks;

	private final Clock clock;

	/** Verified instead of a real hash for unknown emails, so both take the same time. */
	private final String decoyHash;

	LoginService(Accounts accounts, LoginThrottle throttle, Devices devices, Sessions sessions, TotpFactors totp,
			SecurityAudit audit, PasswordEncoder passwords, JdbcClient jdbc, TransactionTemplate transactions,
			AuthProperties properties, AccountLocks locks, Clock clock) {
		this.accounts = accounts;
		this.throttle = throttle;
		this.devices = devices;
		this.sessions = sessions;
		this.totp = totp;
		this.audit = audit;
		this.passwords = passwords;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.mfa = properties.mfa();
		this.locks = locks;
		this.clock = clock;
		this.decoyHash = passwords.encode(SecretDigests.randomToken("decoy-", 24));
	}

	TokenResponse login(LoginRequest request) {
		String email = Emails.normalize(request.email());
		Attempt attempt = this.transactions.execute(status -> passwordStep(email, request));
		return attempt.answer();
	}

	TokenResponse verifyMfa(String mfaToken, String code) {
		Attempt attempt = this.transactions.execute(status -> mfaStep(mfaToken, code));
		return attempt.answer();
	}

	private Attempt passwordStep(String email, LoginRequest request) {
		Instant now = this.clock.instant();
		LoginThrottle.Gate gate = this.throttle.enter(email, RequestOrigin.current());
		Optional<UserAccount> user = this.accounts.byEmail(email);
		String subject = user.map(UserAccount::id).orElse(ANONYMOUS);
		if (gate.refusal() != null) {
			failed(subject, gate.refusal().error().code(), now);
			return Attempt.refused(gate.refusal());
		}
		boolean matches = this.passwords.matches(request.password(),
				user.map(UserAccount::passwordHash).orElse(this.decoyHash));
		if (!matches || user.isEmpty()) {
			return wrongSecret(gate, subject, "bad_credentials", now, invalidCredentials());
		}
		this.throttle.pass(gate);
		// told only to whoever knows the password, so it reveals nothing to a guesser
		if (this.locks.isLocked(user.get().id())) {
			failed(subject, "account_disabled", now);
			return Attempt.refused(AccountLocks.refusal());
		}
		String fingerprintHash = fingerprintHash(request.deviceFingerprint());
		if (this.totp.isActive(user.get().id())) {
			String mfaToken = SecretDigests.randomToken("mfa_", 32);
			this.jdbc
				.sql("insert into mfa_login (token_hash, user_id, device_id, fingerprint_hash, expires_at)"
						+ " values (?, ?, ?, ?, ?)")
				.params(SecretDigests.sha256(mfaToken), user.get().id(), request.deviceId(), fingerprintHash,
						Timestamp.from(now.plus(this.mfa.loginTokenTtl())))
				.update();
			return Attempt.answered(TokenResponse.mfaRequired(mfaToken));
		}
		return Attempt.answered(complete(user.get(), List.of("pwd"), request.deviceId(), fingerprintHash, now));
	}

	private Attempt mfaStep(String mfaToken, String code) {
		Instant now = this.clock.instant();
		var pending = this.jdbc.sql("""
				select user_id, device_id, fingerprint_hash, attempts from mfa_login
				where token_hash = ? and completed_at is null and expires_at > ? for update""")
			.params(SecretDigests.sha256(mfaToken), Timestamp.from(now))
			.query((rs, n) -> new PendingMfa(rs.getString("user_id"), rs.getString("device_id"),
					rs.getString("fingerprint_hash"), rs.getInt("attempts")))
			.optional();
		if (pending.isEmpty() || pending.get().attempts() >= this.mfa.maxAttempts()) {
			return Attempt.refused(new ApiException(AuthError.INVALID_MFA_TOKEN,
					"The MFA token is unknown, expired or used up; log in again", "mfa_token"));
		}
		PendingMfa login = pending.get();
		UserAccount user = this.accounts.byId(login.userId()).orElseThrow();
		this.jdbc.sql("update mfa_login set attempts = attempts + 1 where token_hash = ?")
			.param(SecretDigests.sha256(mfaToken))
			.update();
		// the factor's own failure budget: the password throttle neither counts nor
		// resets it
		TotpFactors.CodeCheck check = this.totp.check(user.id(), code, true);
		if (check.locked() != null) {
			failed(user.id(), check.locked().error().code(), now);
			return Attempt.refused(check.locked());
		}
		if (!check.passed()) {
			failed(user.id(), "bad_mfa_code", now);
			factorLocked(user.id(), check, now);
			return Attempt.refused(new ApiException(AuthError.MFA_VERIFICATION_FAILED,
					"The code is wrong, expired or already used", "code"));
		}
		if (this.locks.isLocked(user.id())) {
			// locked by an operator between the password and the code
			failed(user.id(), "account_disabled", now);
			return Attempt.refused(AccountLocks.refusal());
		}
		this.jdbc.sql("update mfa_login set completed_at = ? where token_hash = ?")
			.params(Timestamp.from(now), SecretDigests.sha256(mfaToken))
			.update();
		return Attempt
			.answered(complete(user, List.of("pwd", check.factor()), login.deviceId(), login.fingerprintHash(), now));
	}

	/**
	 * The answer to a wrong password, wherever one is checked: the same for an unknown
	 * email, so it hints at nothing.
	 */
	static ApiException invalidCredentials() {
		return new ApiException(AuthError.INVALID_CREDENTIALS, "The email or password is not right");
	}

	private Attempt wrongSecret(LoginThrottle.Gate gate, String subject, String reason, Instant now,
			ApiException refusal) {
		Instant lockedUntil = this.throttle.fail(gate);
		failed(subject, reason, now);
		if (lockedUntil != null) {
			this.audit.record(new AuthEvent.AccountLocked(ResourceIds.event(), now, subject, lockedUntil,
					RequestOrigin.current()), null, SecurityAudit.Outcome.FAILURE);
		}
		return Attempt.refused(refusal);
	}

	private void factorLocked(String userId, TotpFactors.CodeCheck check, Instant now) {
		if (check.lockedUntil() != null) {
			this.audit.record(new AuthEvent.AccountLocked(ResourceIds.event(), now, userId, check.lockedUntil(),
					RequestOrigin.current()), null, SecurityAudit.Outcome.FAILURE);
		}
	}

	private void failed(String subject, String reason, Instant now) {
		this.audit.record(new AuthEvent.LoginFailed(ResourceIds.event(), now, subject, reason, RequestOrigin.current()),
				null, SecurityAudit.Outcome.FAILURE);
	}

	private TokenResponse complete(UserAccount user, List<String> amr, String deviceId, String fingerprintHash,
			Instant now) {
		boolean newDevice = deviceId != null && this.devices.sighted(user.id(), deviceId, fingerprintHash, now);
		String origin = RequestOrigin.current();
		if (newDevice) {
			this.audit.record(
					new AuthEvent.DeviceAdded(ResourceIds.event(), now, user.id(), deviceId, fingerprintHash, origin),
					null, SecurityAudit.Outcome.SUCCESS);
		}
		this.audit.record(new AuthEvent.LoginSucceeded(ResourceIds.event(), now, user.id(), deviceId, fingerprintHash,
				newDevice, amr, origin), null, SecurityAudit.Outcome.SUCCESS);
		return TokenResponse.of(this.sessions.start(user.id(), user.roles(), amr, deviceId));
	}

	private static String fingerprintHash(String fingerprint) {
		return (fingerprint == null || fingerprint.isBlank()) ? null : SecretDigests.sha256Hex(fingerprint);
	}

	private record PendingMfa(String userId, String deviceId, String fingerprintHash, int attempts) {
	}

	/** An attempt's answer, or the refusal to throw once its records are committed. */
	private record Attempt(TokenResponse response, ApiException refusal) {

		static Attempt answered(TokenResponse response) {
			return new Attempt(response, null);
		}

		static Attempt refused(ApiException refusal) {
			return new Attempt(null, refusal);
		}

		TokenResponse answer() {
			if (this.refusal != null) {
				throw this.refusal;
			}
			return this.response;
		}

	}

}
