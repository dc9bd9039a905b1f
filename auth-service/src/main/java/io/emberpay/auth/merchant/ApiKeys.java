package io.emberpay.auth.merchant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchants' secret keys: {@code sk_test_}/{@code sk_live_} plus 256 random bits, shown
 * once and kept only as a peppered HMAC. A merchant may hold several active keys so it
 * can roll them without downtime.
 */
@Component
class ApiKeys {

	/** Longest key we ever issue, so verification rejects junk before hashing it. */
	static final int MAX_KEY_LENGTH = 64;

	/** Keys listed at most: rotation needs a few, never hundreds. */
	static final int MAX_LISTED = 100;

	/** Active keys a merchant may hold at once. */
	static final int MAX_ACTIVE = 20;

	private final JdbcClient jdbc;

	private final SecretDigests digests;

	private final SecurityAudit audit;

	private final Clock clock;

	ApiKeys(JdbcClient jdbc, SecretDigests digests, SecurityAudit audit, Clock clock) {
		this.jdbc = jdbc;
		this.digests = digests;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	IssuedKey issue(String merchantId, Mode mode, String actor) {
		long active = this.jdbc
			.sql("select count(*) from api_key where merchant_id = ? and revoked_at is null"
					+ " and (expires_at is null or expires_at > ?)")
			.params(merchantId, Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
		if (active >= MAX_ACTIVE) {
			throw new ApiException(CommonError.STATE_CONFLICT,
					"At most " + MAX_ACTIVE + " keys may be active; revoke one first");
		}
		String secret = SecretDigests.randomToken("sk_" + mode.value() + "_", 32);
		String id = ResourceIds.next("key");
		Instant now = this.clock.instant();
		this.jdbc
			.sql("insert into api_key (id, merchant_id, mode, key_hash, last4, created_at) values (?, ?, ?, ?, ?, ?)")
			.params(id, merchantId, mode.value(), this.digests.peppered(secret), secret.substring(secret.length() - 4),
					Timestamp.from(now))
			.update();
		changed(merchantId, id, mode, "created", actor);
		return new IssuedKey(new KeyView(id, "api_key", mode.value(), mode == Mode.LIVE,
				secret.substring(secret.length() - 4), now, null, null), secret);
	}

	List<KeyView> list(String merchantId) {
		return this.jdbc.sql("select * from api_key where merchant_id = ? order by created_at desc limit ?")
			.params(merchantId, MAX_LISTED + 1)
			.query((rs, n) -> view(rs))
			.list();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Optional<KeyView> lock(String merchantId, String keyId) {
		return this.jdbc.sql("select * from api_key where merchant_id = ? and id = ? for update")
			.params(merchantId, keyId)
			.query((rs, n) -> view(rs))
			.optional();
	}

	/**
	 * Stops the key at {@code at} (now, or later to give a rolled key's users time to
	 * switch).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void expire(KeyView key, String merchantId, Instant at, String change, String actor) {
		Instant now = this.clock.instant();
		if (!at.isAfter(now)) {
			this.jdbc.sql("update api_key set revoked_at = ? where id = ? and revoked_at is null")
				.params(Timestamp.from(now), key.id())
				.update();
		}
		else {
			this.jdbc.sql("update api_key set expires_at = least(coalesce(expires_at, ?), ?) where id = ?")
				.params(Timestamp.from(at), Timestamp.from(at), key.id())
				.update();
		}
		changed(merchantId, key.id(), Mode.of(key.mode()), change, actor);
	}

	/** The active key with this secret, if there is one. */
	Optional<ActiveKey> find(String secret) {
		if (secret == null || secret.length() > MAX_KEY_LENGTH
				|| !(secret.startsWith("sk_test_") || secret.startsWith("sk_live_"))) {
			return Optional.empty();
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.sql("""
				select k.id, k.merchant_id, k.mode, m.status, m.live_enabled, m.api_version from api_key k
				join merchant m on m.id = k.merchant_id
				where k.key_hash = ? and k.revoked_at is null and (k.expires_at is null or k.expires_at > ?)""")
			.params(this.digests.peppered(secret), now)
			.query((rs, n) -> new ActiveKey(rs.getString("id"), rs.getString("merchant_id"),
					Mode.of(rs.getString("mode")), "active".equals(rs.getString("status")),
					rs.getBoolean("live_enabled"), rs.getString("api_version")))
			.optional()
			.filter(key -> key.mode().value().equals(secret.substring(3, 7)));
	}

	private void changed(String merchantId, String keyId, Mode mode, String change, String actor) {
		this.audit.record(new AuthEvent.ApiKeyChanged(ResourceIds.event(), this.clock.instant(), merchantId, keyId,
				mode.value(), change, RequestOrigin.current()), actor, SecurityAudit.Outcome.SUCCESS);
	}

	private static KeyView view(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp expires = rs.getTimestamp("expires_at");
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new KeyView(rs.getString("id"), "api_key", rs.getString("mode"), "live".equals(rs.getString("mode")),
				rs.getString("last4"), rs.getTimestamp("created_at").toInstant(),
				(expires == null) ? null : expires.toInstant(), (revoked == null) ? null : revoked.toInstant());
	}

	enum Mode {

		TEST, LIVE;

		String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static Mode of(String value) {
			return "live".equals(value) ? LIVE : TEST;
		}

	}

	/** A key as listed: never the secret, only its last four characters. */
	record KeyView(String id, String object, String mode, boolean livemode, String last4, Instant created,
			Instant expiresAt, Instant revokedAt) {
	}

	record IssuedKey(KeyView key, String secret) {
	}

	/**
	 * An active key; {@code apiVersion} is its merchant's pinned API version, null for a
	 * merchant that has none.
	 */
	record ActiveKey(String id, String merchantId, Mode mode, boolean merchantActive, boolean liveEnabled,
			String apiVersion) {
	}

}
