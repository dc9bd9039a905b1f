package io.emberpay.auth.token;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login sessions and their refresh tokens. A refresh token is spent by its first use and
 * replaced; presenting a spent one means it was copied, so the whole session (the token
 * family) is revoked and both holders must log in again.
 */
@Component
public class Sessions {

	private static final String REFRESH_PREFIX = "rt_";

	private static final int PURGE_BATCH = 5_000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AccessTokens accessTokens;

	private final SecurityAudit audit;

	private final AuthProperties.Tokens settings;

	private final Clock clock;

	Sessions(JdbcClient jdbc, TransactionTemplate transactions, AccessTokens accessTokens, SecurityAudit audit,
			AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.accessTokens = accessTokens;
		this.audit = audit;
		this.settings = properties.tokens();
		this.clock = clock;
	}

	/**
	 * Opens a session for a user who just proved {@code amr}; joins the caller's
	 * transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public IssuedTokens start(String userId, List<String> roles, List<String> amr, String deviceId) {
		Instant now = this.clock.instant();
		String sessionId = ResourceIds.next("ses");
		this.jdbc
			.sql("insert into auth_session (id, user_id, amr, device_id, created_at, expires_at)"
					+ " values (?, ?, ?, ?, ?, ?)")
			.params(sessionId, userId, amr.toArray(String[]::new), deviceId, Timestamp.from(now),
					Timestamp.from(now.plus(this.settings.sessionMaxAge())))
			.update();
		return issue(sessionId, userId, roles, amr, now);
	}

	/**
	 * Spends {@code refreshToken} and answers fresh tokens for its session, or refuses it
	 * (revoking the session first when the token had already been spent).
	 */
	public IssuedTokens refresh(String refreshToken) {
		Refreshed result = this.transactions.execute(status -> refreshLocked(refreshToken));
		if (result.tokens() == null) {
			throw new ApiException(AuthError.INVALID_REFRESH_TOKEN, result.refusal(), "refresh_token");
		}
		return result.tokens();
	}

	/** Ends a session of {@code userId}; no effect on another user's session. */
	@Transactional
	public boolean revoke(String sessionId, String userId, String reason) {
		int revoked = this.jdbc
			.sql("update auth_session set revoked_at = ?, revoke_reason = ? where id = ? and user_id = ?"
					+ " and revoked_at is null")
			.params(Timestamp.from(this.clock.instant()), reason, sessionId, userId)
			.update();
		return revoked == 1;
	}

	/**
	 * Ends every open session of {@code userId}, so none of its refresh tokens works any
	 * more; answers how many were open. Joins the caller's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int revokeAll(String userId, String reason) {
		return this.jdbc
			.sql("update auth_session set revoked_at = ?, revoke_reason = ? where user_id = ? and revoked_at is null")
			.params(Timestamp.from(this.clock.instant()), reason, userId)
			.update();
	}

	/**
	 * Ends every open session of {@code userId} and answers their ids, for an audit entry
	 * each. Joins the caller's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<String> revokeEvery(String userId, String reason) {
		return this.jdbc
			.sql("update auth_session set revoked_at = ?, revoke_reason = ? where user_id = ? and revoked_at is null"
					+ " returning id")
			.params(Timestamp.from(this.clock.instant()), reason, userId)
			.query(String.class)
			.list();
	}

	/** How many sessions of {@code userId} can still renew their tokens. */
	public int open(String userId) {
		return this.jdbc
			.sql("select count(*) from auth_session where user_id = ? and revoked_at is null and expires_at > ?")
			.params(userId, Timestamp.from(this.clock.instant()))
			.query(Integer.class)
			.single();
	}

	/**
	 * Deletes refresh tokens a day past expiry, in bounded batches; until then a spent
	 * token still triggers reuse detection.
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
	void purgeExpired() {
		Timestamp horizon = Timestamp.from(this.clock.instant().minus(Duration.ofDays(1)));
		int deleted;
		do {
			deleted = this.jdbc
				.sql("delete from refresh_token where ctid in (select ctid from refresh_token"
						+ " where expires_at < ? limit " + PURGE_BATCH + ")")
				.param(horizon)
				.update();
		}
		while (deleted == PURGE_BATCH);
	}

	private Refreshed refreshLocked(String refreshToken) {
		Instant now = this.clock.instant();
		byte[] hash = SecretDigests.sha256(refreshToken);
		var row = this.jdbc.sql("""
				select t.session_id, t.expires_at, t.used_at, s.user_id, s.amr, s.expires_at as session_expires_at,
				       s.revoked_at, u.roles
				from refresh_token t join auth_session s on s.id = t.session_id join app_user u on u.id = s.user_id
				where t.token_hash = ? for update of t, s""").param(hash).query((rs, n) -> {
			Timestamp used = rs.getTimestamp("used_at");
			Timestamp revoked = rs.getTimestamp("revoked_at");
			return new TokenRow(rs.getString("session_id"), rs.getString("user_id"), strings(rs.getArray("amr")),
					strings(rs.getArray("roles")), rs.getTimestamp("expires_at").toInstant(),
					rs.getTimestamp("session_expires_at").toInstant(), (used == null) ? null : used.toInstant(),
					(revoked == null) ? null : revoked.toInstant());
		}).optional();
		if (row.isEmpty()) {
			return Refreshed.refused("Unknown refresh token");
		}
		TokenRow token = row.get();
		if (token.revokedAt() != null) {
			return Refreshed.refused("The session has ended");
		}
		if (token.usedAt() != null) {
			this.jdbc.sql("update auth_session set revoked_at = ?, revoke_reason = 'refresh_reuse' where id = ?")
				.params(Timestamp.from(now), token.sessionId())
				.update();
			this.audit.record(new AuthEvent.SessionRevoked(ResourceIds.event(), now, token.userId(), token.sessionId(),
					"refresh_token_reused", RequestOrigin.current()), null, SecurityAudit.Outcome.FAILURE);
			return Refreshed.refused("The refresh token was already used; the session is revoked");
		}
		if (!token.expiresAt().isAfter(now) || !token.sessionExpiresAt().isAfter(now)) {
			return Refreshed.refused("The refresh token has expired");
		}
		this.jdbc.sql("update refresh_token set used_at = ? where token_hash = ?")
			.params(Timestamp.from(now), hash)
			.update();
		return new Refreshed(issue(token.sessionId(), token.userId(), token.roles(), token.amr(), now), null);
	}

	private IssuedTokens issue(String sessionId, String userId, List<String> roles, List<String> amr, Instant now) {
		String refreshToken = SecretDigests.randomToken(REFRESH_PREFIX, 32);
		this.jdbc.sql("insert into refresh_token (token_hash, session_id, created_at, expires_at) values (?, ?, ?, ?)")
			.params(SecretDigests.sha256(refreshToken), sessionId, Timestamp.from(now),
					Timestamp.from(now.plus(this.settings.refreshTtl())))
			.update();
		String accessToken = this.accessTokens.forUser(userId, roles, amr, sessionId, this.settings.accessTtl());
		return new IssuedTokens(accessToken, refreshToken, this.settings.accessTtl().toSeconds());
	}

	static List<String> strings(Array array) throws SQLException {
		return (array == null) ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	/** What a successful login or refresh hands the client. */
	public record IssuedTokens(String accessToken, String refreshToken, long expiresInSeconds) {
	}

	private record TokenRow(String sessionId, String userId, List<String> amr, List<String> roles, Instant expiresAt,
			Instant sessionExpiresAt, Instant usedAt, Instant revokedAt) {
	}

	private record Refreshed(IssuedTokens tokens, String refusal) {

		static Refreshed refused(String why) {
			return new Refreshed(null, why);
		}

	}

}
