package io.emberpay.auth.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
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
import io.emberpay.starter.problem.CommonError;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an operator does to another person's account: lock it (login refused even with the
 * right password, every session revoked), unlock it, or revoke its sessions (signed out
 * everywhere, the password still works). Each act is in the security audit with the
 * operator as actor and their reason, in the same transaction; the user's row is locked
 * while it is done.
 */
@Component
public class AccountLocks {

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final Sessions sessions;

	private final TotpFactors totp;

	private final SecurityAudit audit;

	private final Clock clock;

	AccountLocks(JdbcClient jdbc, Accounts accounts, Sessions sessions, TotpFactors totp, SecurityAudit audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.sessions = sessions;
		this.totp = totp;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whether an operator locked the account (read at every login). */
	boolean isLocked(String userId) {
		return this.jdbc.sql("select locked_at is not null from app_user where id = ?")
			.param(userId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** The refusal a locked account gets once its password was right. */
	static ApiException refusal() {
		return new ApiException(AuthError.ACCOUNT_DISABLED,
				"An operator locked this account; contact support to have it unlocked");
	}

	public Optional<OperatorUserView> find(String userId) {
		return this.accounts.byId(userId).map(this::view);
	}

	public Optional<OperatorUserView> findByEmail(String email) {
		return this.accounts.byEmail(Emails.normalize(email)).map(this::view);
	}

	@Transactional
	public OperatorUserView lock(String operator, String userId, String reason) {
		UserAccount user = lockRow(operator, userId);
		Instant now = this.clock.instant();
		int locked = this.jdbc
			.sql("update app_user set locked_at = ?, locked_by = ?, lock_reason = ? where id = ? and locked_at is null")
			.params(Timestamp.from(now), operator, reason, userId)
			.update();
		if (locked == 0) {
			throw new ApiException(CommonError.STATE_CONFLICT, "The account is locked already");
		}
		this.audit.record(new AuthEvent.AccountLocked(ResourceIds.event(), now, userId, null, RequestOrigin.current()),
				operator, SecurityAudit.Outcome.SUCCESS, reason);
		revokeSessions(operator, user.id(), "account_locked", reason, now);
		return view(user);
	}

	@Transactional
	public OperatorUserView unlock(String operator, String userId, String reason) {
		UserAccount user = lockRow(operator, userId);
		int unlocked = this.jdbc
			.sql("update app_user set locked_at = null, locked_by = null, lock_reason = null"
					+ " where id = ? and locked_at is not null")
			.param(userId)
			.update();
		if (unlocked == 0) {
			throw new ApiException(CommonError.STATE_CONFLICT, "The account is not locked");
		}
		this.audit.record(new AuthEvent.AccountUnlocked(ResourceIds.event(), this.clock.instant(), userId,
				RequestOrigin.current()), operator, SecurityAudit.Outcome.SUCCESS, reason);
		return view(user);
	}

	/** Signs the user out everywhere; answers the account with no open session. */
	@Transactional
	public OperatorUserView revokeSessions(String operator, String userId, String reason) {
		UserAccount user = lockRow(operator, userId);
		revokeSessions(operator, user.id(), "operator", reason, this.clock.instant());
		return view(user);
	}

	private void revokeSessions(String operator, String userId, String why, String note, Instant now) {
		List<String> revoked = this.sessions.revokeEvery(userId, why);
		for (String session : revoked) {
			this.audit.record(new AuthEvent.SessionRevoked(ResourceIds.event(), now, userId, session, why,
					RequestOrigin.current()), operator, SecurityAudit.Outcome.SUCCESS, note);
		}
	}

	/**
	 * The account to act on, its row locked; an operator never acts on their own account
	 * here (locking oneself out helps nobody).
	 */
	private UserAccount lockRow(String operator, String userId) {
		boolean exists = this.jdbc.sql("select id from app_user where id = ? and erased_at is null for update")
			.param(userId)
			.query(String.class)
			.optional()
			.isPresent();
		if (!exists) {
			throw ApiException.notFound("user", userId);
		}
		if (userId.equals(operator)) {
			throw new ApiException(CommonError.STATE_CONFLICT,
					"Operators do not lock or sign out their own account here; ask another operator");
		}
		return this.accounts.byId(userId).orElseThrow();
	}

	private OperatorUserView view(UserAccount user) {
		record Lock(OffsetDateTime at, String by, String reason) {
		}
		Lock lock = this.jdbc.sql("select locked_at, locked_by, lock_reason from app_user where id = ?")
			.param(user.id())
			.query((rs, n) -> new Lock(rs.getObject("locked_at", OffsetDateTime.class), rs.getString("locked_by"),
					rs.getString("lock_reason")))
			.single();
		return new OperatorUserView(user.id(), "user", user.email(), user.roles(), user.createdAt(),
				this.totp.isActive(user.id()), lock.at() != null, (lock.at() == null) ? null : lock.at().toInstant(),
				lock.by(), lock.reason(), this.sessions.open(user.id()));
	}

	/**
	 * A user as an operator sees them: never the password hash or factor secrets.
	 *
	 * @param openSessions sessions that can still renew their tokens
	 */
	public record OperatorUserView(String id, String object, String email, List<String> roles, Instant createdAt,
			boolean mfaEnabled, boolean locked, Instant lockedAt, String lockedBy, String lockReason,
			int openSessions) {
	}

}
