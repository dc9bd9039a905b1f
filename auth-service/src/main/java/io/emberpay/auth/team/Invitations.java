package io.emberpay.auth.team;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.events.ResourceIds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code merchant_invitation} table. An invitation is made without a token; its token
 * is minted when notification-service is about to send the e-mail and only its SHA-256 is
 * kept, so no table, event or log holds a usable one (as for account links).
 */
@Repository
class Invitations {

	/** How long an invitation can be accepted, from when it was made. */
	static final Duration TTL = Duration.ofDays(7);

	/** At most this many invitations are listed, newest first. */
	static final int MAX_LISTED = 100;

	private static final String COLUMNS = """
			i.id, i.merchant_id, mer.name, i.email, i.role, i.created_at, i.expires_at, i.accepted_at, i.accepted_by,
			i.revoked_at, i.invited_by from merchant_invitation i join merchant mer on mer.id = i.merchant_id""";

	private final JdbcClient jdbc;

	Invitations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Invitation create(String merchantId, String email, TeamRole role, String invitedBy, Instant now) {
		String id = ResourceIds.next("inv");
		this.jdbc.sql("""
				insert into merchant_invitation (id, merchant_id, email, role, created_at, expires_at, invited_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, merchantId, email, role.column(), Timestamp.from(now), Timestamp.from(now.plus(TTL)), invitedBy)
			.update();
		return find(merchantId, id).orElseThrow();
	}

	Optional<Invitation> find(String merchantId, String id) {
		return this.jdbc.sql("select " + COLUMNS + " where i.merchant_id = ? and i.id = ?")
			.params(merchantId, id)
			.query((rs, n) -> map(rs))
			.optional();
	}

	List<Invitation> list(String merchantId) {
		return this.jdbc.sql("select " + COLUMNS + " where i.merchant_id = ? order by i.created_at desc limit ?")
			.params(merchantId, MAX_LISTED)
			.query((rs, n) -> map(rs))
			.list();
	}

	/** Open invitations of the merchant to the address, so one is not sent twice. */
	long openFor(String merchantId, String email, Instant now) {
		return this.jdbc.sql("""
				select count(*) from merchant_invitation where merchant_id = ? and email = ?
				and accepted_at is null and revoked_at is null and expires_at > ?""")
			.params(merchantId, email, Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** Revokes an open invitation; answers whether it was open. */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean revoke(String merchantId, String id, Instant now) {
		return this.jdbc.sql("""
				update merchant_invitation set revoked_at = ? where merchant_id = ? and id = ?
				and accepted_at is null and revoked_at is null""")
			.params(Timestamp.from(now), merchantId, id)
			.update() == 1;
	}

	/**
	 * Mints a fresh token for an open invitation, to put into its e-mail; a token minted
	 * before for it stops working. Empty when the invitation was accepted, revoked or has
	 * expired.
	 */
	@Transactional
	public Optional<Issued> issue(String id, Instant now) {
		Optional<Invitation> open = this.jdbc
			.sql("select " + COLUMNS + " where i.id = ? and i.accepted_at is null and i.revoked_at is null"
					+ " and i.expires_at > ? and mer.status = 'active' for update of i")
			.params(id, Timestamp.from(now))
			.query((rs, n) -> map(rs))
			.optional();
		return open.map(invitation -> {
			String token = SecretDigests.randomToken("", 32);
			this.jdbc.sql("update merchant_invitation set token_hash = ? where id = ?")
				.params(SecretDigests.sha256(token), id)
				.update();
			return new Issued(invitation, token);
		});
	}

	/** The invitation whose token this is, whatever its state, locked for acceptance. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Invitation> byTokenForUpdate(String token) {
		return this.jdbc.sql("select " + COLUMNS + " where i.token_hash = ? for update of i")
			.param(SecretDigests.sha256(token))
			.query((rs, n) -> map(rs))
			.optional();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void accept(String id, String userId, Instant now) {
		this.jdbc.sql("update merchant_invitation set accepted_at = ?, accepted_by = ? where id = ?")
			.params(Timestamp.from(now), userId, id)
			.update();
	}

	private static Invitation map(ResultSet rs) throws SQLException {
		return new Invitation(rs.getString("id"), rs.getString("merchant_id"), rs.getString("name"),
				rs.getString("email"), TeamRole.of(rs.getString("role")), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), instant(rs, "accepted_at"), rs.getString("accepted_by"),
				instant(rs, "revoked_at"), rs.getString("invited_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value == null) ? null : value.toInstant();
	}

	record Invitation(String id, String merchantId, String merchantName, String email, TeamRole role, Instant createdAt,
			Instant expiresAt, Instant acceptedAt, String acceptedBy, Instant revokedAt, String invitedBy) {

		String status(Instant now) {
			if (this.acceptedAt != null) {
				return "accepted";
			}
			if (this.revokedAt != null) {
				return "revoked";
			}
			return this.expiresAt.isAfter(now) ? "pending" : "expired";
		}

	}

	/** A minted invitation: the token in clear, for the e-mail only. */
	record Issued(Invitation invitation, String token) {

		@Override
		public String toString() {
			// the token must never reach a log, whoever prints this
			return "Issued[invitation=" + this.invitation.id() + "]";
		}

	}

}
