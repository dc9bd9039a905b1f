package io.emberpay.auth.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.token.Sessions;
import io.emberpay.auth.totp.TotpFactors;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A signed-in user replacing their password. The current password is a credential like at
 * login: it passes the same per-(email, address) throttle, so a stolen access token
 * cannot be used to guess it faster than the login form allows, and with TOTP on a second
 * factor is needed as well. A change ends every session of the user. Each attempt runs in
 * one transaction; refusals are recorded (audit, counters) and committed before the error
 * is answered.
 */
@Service
class PasswordChanges {

	/** Why every session of the user ended, as stored on each. */
	static final String REVOKE_REASON = "password_changed";

	private final Accounts accounts;

	private final PasswordPolicy policy;

	private final LoginThrottle throttle;

	private final TotpFactors totp;

	private final Sessions sessions;

	private final SecurityAudit audit;

	private final PasswordEncoder passwords;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PasswordChanges(Accounts accounts, PasswordPolicy policy, LoginThrottle throttle, TotpFactors totp,
			Sessions sessions, SecurityAudit audit, PasswordEncoder passwords, JdbcClient jdbc,
			TransactionTemplate transactions, Clock clock) {
		this.accounts = accounts;
		this.policy = policy;
		this.throttle = throttle;
		this.totp = totp;
		this.sessions = sessions;
		this.audit = audit;
		this.passwords = passwords;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	void change(String userId, PasswordChangeRequest request) {
		UserAccount user = this.accounts.byId(userId).orElseThrow(() -> ApiException.notFound("user", userId));
		Optional<ApiException> refusal = this.transactions.execute(status -> attempt(user, request));
		if (refusal.isPresent()) {
			throw refusal.get();
		}
	}

	private Optional<ApiException> attempt(UserAccount user, PasswordChangeRequest request) {
		Instant now = this.clock.instant();
		// Checks of the submitted values alone come first: they tell nothing about the
		// stored password, so they cost no attempt.
		try {
			this.policy.check(request.newPassword(), user.email(), "new_password");
		}
		catch (ApiException weak) {
			return refused(user.id(), "weak_new_password", now, weak);
		}
		if (same(request.newPassword(), request.currentPassword())) {
			return refused(user.id(), "password_unchanged", now, new ApiException(AuthError.PASSWORD_UNCHANGED,
					"The new password must differ from the current one", "new_password"));
		}
		boolean mfa = this.totp.isActive(user.id());
		if (mfa && request.mfaCode() == null) {
			return refused(user.id(), "mfa_code_missing", now, new ApiException(AuthError.MFA_CODE_REQUIRED,
					"MFA is on for this user: send a TOTP or recovery code as mfa_code", "mfa_code"));
		}
		LoginThrottle.Gate gate = this.throttle.enter(user.email(), RequestOrigin.current());
		if (gate.refusal() != null) {
			return refused(user.id(), gate.refusal().error().code(), now, gate.refusal());
		}
		// read again under the throttle row lock: a concurrent change may have committed
		UserAccount current = this.accounts.byId(user.id()).orElseThrow();
		if (!this.passwords.matches(request.currentPassword(), current.passwordHash())) {
			return wrongSecret(gate, user.id(), "bad_credentials", now, LoginService.invalidCredentials());
		}
		// the password was right: that address starts afresh whatever the code turns out
		// to be
		this.throttle.pass(gate);
		List<String> amr = List.of("pwd");
		if (mfa) {
			TotpFactors.CodeCheck check = this.totp.check(user.id(), request.mfaCode(), true);
			if (check.locked() != null) {
				return refused(user.id(), check.locked().error().code(), now, check.locked());
			}
			if (!check.passed()) {
				if (check.lockedUntil() != null) {
					this.audit.record(new AuthEvent.AccountLocked(ResourceIds.event(), now, user.id(),
							check.lockedUntil(), RequestOrigin.current()), null, SecurityAudit.Outcome.FAILURE);
				}
				return refused(user.id(), "bad_mfa_code", now, new ApiException(AuthError.MFA_VERIFICATION_FAILED,
						"The code is wrong, expired or already used", "mfa_code"));
			}
			amr = List.of("pwd", check.factor());
		}
		this.accounts.changePasswordHash(user.id(), this.passwords.encode(request.newPassword()));
		int revoked = this.sessions.revokeAll(user.id(), REVOKE_REASON);
		// an MFA login half done with the old password must not complete after the change
		this.jdbc.sql("delete from mfa_login where user_id = ? and completed_at is null").param(user.id()).update();
		this.audit.record(new AuthEvent.PasswordChanged(ResourceIds.event(), now, user.id(), amr, revoked,
				RequestOrigin.current()), null, SecurityAudit.Outcome.SUCCESS);
		return Optional.empty();
	}

	private Optional<ApiException> wrongSecret(LoginThrottle.Gate gate, String userId, String reason, Instant now,
			ApiException refusal) {
		Instant lockedUntil = this.throttle.fail(gate);
		Optional<ApiException> refused = refused(userId, reason, now, refusal);
		if (lockedUntil != null) {
			this.audit.record(
					new AuthEvent.AccountLocked(ResourceIds.event(), now, userId, lockedUntil, RequestOrigin.current()),
					null, SecurityAudit.Outcome.FAILURE);
		}
		return refused;
	}

	private Optional<ApiException> refused(String userId, String reason, Instant now, ApiException refusal) {
		this.audit.record(
				new AuthEvent.PasswordChangeFailed(ResourceIds.event(), now, userId, reason, RequestOrigin.current()),
				null, SecurityAudit.Outcome.FAILURE);
		return Optional.of(refusal);
	}

	private static boolean same(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
