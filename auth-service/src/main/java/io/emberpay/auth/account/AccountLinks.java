package io.emberpay.auth.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.events.ResourceIds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code account_link} table: links that prove control of a mailbox. A link is
 * requested first (a row, no token); its token is minted when the e-mail is about to be
 * sent and only its SHA-256 is kept, so no table, event or log ever holds a usable token.
 */
@Repository
public class AccountLinks {

	/** What a link lets its holder do once. */
	public enum Purpose {

		PASSWORD_RESET, EMAIL_VERIFICATION;

		String column() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Purpose of(String column) {
			return valueOf(column.toUpperCase(Locale.ROOT));
		}

	}

	/** A minted link: the token in clear, for the e-mail only. */
	public record Issued(String id, String user, Purpose purpose, String email, String token, Instant expiresAt) {

		@Override
		public String toString() {
			// the token must never reach a log, whoever prints this
			return "Issued[id=" + this.id + ", user=" + this.user + ", purpose=" + this.purpose + "]";
		}

	}

	private final JdbcClient jdbc;

	private final AccountLinkProperties settings;

	AccountLinks(JdbcClient jdbc, AccountLinkProperties settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * Records a request for a link, unless the user asked for too many of this purpose in
	 * the last hour; answers the new link's id, if one was made.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<String> request(String userId, Purpose purpose, Instant now) {
		// serialises one user's requests so the hourly count cannot be raced
		this.jdbc.sql("select id from app_user where id = ? for update").param(userId).query(String.class).optional();
		long recent = this.jdbc
			.sql("select count(*) from account_link where user_id = ? and purpose = ? and requested_at > ?")
			.params(userId, purpose.column(), Timestamp.from(now.minus(Duration.ofHours(1))))
			.query(Long.class)
			.single();
		if (recent >= this.settings.maxRequestsPerHour()) {
			return Optional.empty();
		}
		String id = ResourceIds.next("alk");
		this.jdbc.sql("insert into account_link (id, user_id, purpose, requested_at) values (?, ?, ?, ?)")
			.params(id, userId, purpose.column(), Timestamp.from(now))
			.update();
		return Optional.of(id);
	}

	/**
	 * Mints a fresh token for a link still to be mailed (unused, requested lately, user
	 * not erased); a token minted before for it stops working.
	 */
	@Transactional
	public Optional<Issued> issue(String linkId, Instant now) {
		record Pending(String user, Purpose purpose, String email) {
		}
		Optional<Pending> pending = this.jdbc.sql("""
				select l.user_id, l.purpose, u.email from account_link l join app_user u on u.id = l.user_id
				where l.id = ? and l.used_at is null and l.requested_at > ? and u.erased_at is null
				for update of l""")
			.params(linkId, Timestamp.from(now.minus(this.settings.mailWithin())))
			.query((rs, n) -> new Pending(rs.getString(1), Purpose.of(rs.getString(2)), rs.getString(3)))
			.optional();
		return pending.map(link -> {
			String token = SecretDigests.randomToken("", 32);
			Instant expiresAt = now.plus(ttl(link.purpose()));
			this.jdbc.sql("update account_link set token_hash = ?, issued_at = ?, expires_at = ? where id = ?")
				.params(SecretDigests.sha256(token), Timestamp.from(now), Timestamp.from(expiresAt), linkId)
				.update();
			return new Issued(linkId, link.user(), link.purpose(), link.email(), token, expiresAt);
		});
	}

	/**
	 * Spends the link whose token this is, if it is of {@code purpose}, unused and
	 * unexpired, and every other unused link of that purpose of its user; answers the
	 * user.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<String> redeem(String token, Purpose purpose, Instant now) {
		Optional<String> user = this.jdbc.sql("""
				select user_id from account_link
				where token_hash = ? and purpose = ? and used_at is null and expires_at > ?
				for update""")
			.params(SecretDigests.sha256(token), purpose.column(), Timestamp.from(now))
			.query(String.class)
			.optional();
		user.ifPresent(id -> this.jdbc
			.sql("update account_link set used_at = ? where user_id = ? and purpose = ? and used_at is null")
			.params(Timestamp.from(now), id, purpose.column())
			.update());
		return user;
	}

	private Duration ttl(Purpose purpose) {
		return (purpose == Purpose.PASSWORD_RESET) ? this.settings.resetTtl() : this.settings.verificationTtl();
	}

}
