package io.emberpay.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.auth.token.Sessions;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset and e-mail verification by links mailed to the user (through
 * notification-service, see {@link AccountLinks}). Asking for a reset answers the same
 * whether or not an account has the address, and costs the same database work's order of
 * magnitude either way; the e-mail goes out asynchronously.
 */
@Service
class AccountRecovery {

	/** Why every session of the user ended, as stored on each. */
	static final String REVOKE_REASON = "password_reset";

	private final Accounts accounts;

	private final AccountLinks links;

	private final PasswordPolicy policy;

	private final PasswordEncoder passwords;

	private final Sessions sessions;

	private final SecurityAudit audit;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AccountRecovery(Accounts accounts, AccountLinks links, PasswordPolicy policy, PasswordEncoder passwords,
			Sessions sessions, SecurityAudit audit, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.accounts = accounts;
		this.links = links;
		this.policy = policy;
		this.passwords = passwords;
		this.sessions = sessions;
		this.audit = audit;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	void forgot(String email) {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult(status -> this.accounts.byEmail(Emails.normalize(email))
			.flatMap(user -> this.links.request(user.id(), AccountLinks.Purpose.PASSWORD_RESET, now)
				.map(link -> new AuthEvent.PasswordResetRequested(ResourceIds.event(), now, user.id(), link,
						RequestOrigin.current())))
			.ifPresent(event -> this.audit.record(event, null, SecurityAudit.Outcome.SUCCESS)));
	}

	/** Asks for a verification e-mail, in the caller's transaction (sign-up). */
	void requestVerification(String userId, Instant now) {
		this.links.request(userId, AccountLinks.Purpose.EMAIL_VERIFICATION, now)
			.ifPresent(link -> this.audit.record(new AuthEvent.EmailVerificationRequested(ResourceIds.event(), now,
					userId, link, RequestOrigin.current()), null, SecurityAudit.Outcome.SUCCESS));
	}

	void reset(String token, String newPassword) {
		Instant now = this.clock.instant();
		// hashed before the transaction: Argon2id takes a core for tens of milliseconds
		String hash = this.passwords.encode(newPassword);
		this.transactions.executeWithoutResult(status -> {
			String userId = this.links.redeem(token, AccountLinks.Purpose.PASSWORD_RESET, now)
				.orElseThrow(AccountRecovery::invalidLink);
			UserAccount user = this.accounts.byId(userId).orElseThrow(AccountRecovery::invalidLink);
			this.policy.check(newPassword, user.email(), "new_password");
			this.accounts.changePasswordHash(userId, hash);
			// reading the mail proved the address; and the owner may reset out of a
			// lockout
			this.accounts.markEmailVerified(userId, now);
			this.jdbc.sql("delete from login_throttle where email_hash = ?")
				.param(SecretDigests.sha256(user.email()))
				.update();
			int revoked = this.sessions.revokeAll(userId, REVOKE_REASON);
			this.jdbc.sql("delete from mfa_login where user_id = ? and completed_at is null").param(userId).update();
			this.audit.record(new AuthEvent.PasswordChanged(ResourceIds.event(), now, userId, List.of("email_link"),
					revoked, RequestOrigin.current()), null, SecurityAudit.Outcome.SUCCESS);
		});
	}

	void verify(String token) {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult(status -> {
			String userId = this.links.redeem(token, AccountLinks.Purpose.EMAIL_VERIFICATION, now)
				.orElseThrow(AccountRecovery::invalidLink);
			if (this.accounts.markEmailVerified(userId, now)) {
				this.audit.record(
						new AuthEvent.EmailVerified(ResourceIds.event(), now, userId, RequestOrigin.current()), null,
						SecurityAudit.Outcome.SUCCESS);
			}
		});
	}

	private static ApiException invalidLink() {
		return new ApiException(AuthError.INVALID_ACCOUNT_LINK,
				"The link is unknown, expired or already used; ask for a new one", "token");
	}

}
