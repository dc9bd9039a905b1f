package io.emberpay.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

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
 * A user's right to be forgotten, auth-service's part: the account row stays (its id is
 * in append-only records) but loses its address and password for good, every factor,
 * device and session goes, and {@code user.erasure_requested} tells every other service
 * to forget the user too. The password is checked like a login first, counted and
 * throttled.
 */
@Service
class AccountErasure {

	static final String REVOKE_REASON = "erased";

	private final Accounts accounts;

	private final Reauthentication reauthentication;

	private final Sessions sessions;

	private final SecurityAudit audit;

	private final PasswordEncoder passwords;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AccountErasure(Accounts accounts, Reauthentication reauthentication, Sessions sessions, SecurityAudit audit,
			PasswordEncoder passwords, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.accounts = accounts;
		this.reauthentication = reauthentication;
		this.sessions = sessions;
		this.audit = audit;
		this.passwords = passwords;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	void erase(String userId, String sessionId, String password) {
		UserAccount user = this.accounts.byId(userId).orElseThrow(() -> ApiException.notFound("user", userId));
		// a hash of 32 random bytes nobody knows: no password matches it again
		String unusable = this.passwords.encode(SecretDigests.randomToken("", 32));
		Optional<ApiException> refusal = this.transactions.execute(status -> {
			Optional<ApiException> refused = this.reauthentication.confirm(user, sessionId, password);
			if (refused.isEmpty()) {
				forget(user, unusable, this.clock.instant());
			}
			return refused;
		});
		if (refusal.isPresent()) {
			throw refusal.get();
		}
	}

	private void forget(UserAccount user, String unusableHash, Instant now) {
		String id = user.id();
		byte[] emailHash = SecretDigests.sha256(user.email());
		this.jdbc.sql("""
				update app_user set email = ?, password_hash = ?, email_verified_at = null, erased_at = ?
				where id = ? and erased_at is null""")
			.params("erased+" + id + "@erased.invalid", unusableHash, java.sql.Timestamp.from(now), id)
			.update();
		this.sessions.revokeAll(id, REVOKE_REASON);
		for (String table : new String[] { "recovery_code", "totp_factor", "factor_throttle", "mfa_login",
				"account_link", "user_device", "step_up_challenge" }) {
			this.jdbc.sql("delete from " + table + " where user_id = ?").param(id).update();
		}
		forgetTeams(id, user.email(), now);
		this.jdbc.sql("delete from refresh_token where session_id in (select id from auth_session where user_id = ?)")
			.param(id)
			.update();
		this.jdbc.sql("update auth_session set device_id = null where user_id = ?").param(id).update();
		this.jdbc.sql("delete from login_throttle where email_hash = ?").param(emailHash).update();
		this.jdbc.sql("delete from login_address where email_hash = ?").param(emailHash).update();
		this.audit.record(new AuthEvent.UserErasureRequested(ResourceIds.event(), now, id), null,
				SecurityAudit.Outcome.SUCCESS);
	}

	/**
	 * The user leaves every merchant's team (their merchant tokens end with their grants,
	 * for the gateway's feed, as with their sessions), even as its last admin: the
	 * merchant's key still acts as one. Invitations to their address forget it, and the
	 * open ones are revoked.
	 */
	private void forgetTeams(String id, String email, Instant now) {
		this.jdbc.sql("""
				insert into member_grant_revoked (grant_id, revoked_at)
				select grant_id, ? from merchant_member where user_id = ? on conflict do nothing""")
			.params(java.sql.Timestamp.from(now), id)
			.update();
		this.jdbc.sql("delete from merchant_member where user_id = ?").param(id).update();
		this.jdbc.sql("""
				update merchant_invitation set email = ?, token_hash = null,
				    revoked_at = case when accepted_at is null then coalesce(revoked_at, ?) else revoked_at end
				where email = ?""")
			.params("erased+" + id + "@erased.invalid", java.sql.Timestamp.from(now), email)
			.update();
	}

}
