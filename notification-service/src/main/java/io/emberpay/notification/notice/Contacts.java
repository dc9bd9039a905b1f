package io.emberpay.notification.notice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Email addresses of users and merchants. A merchant's comes with its sign-up event; a
 * user's is asked of auth-service the first time a mail goes to them and kept here (no
 * event carries it: Kafka could not forget it), until the user is erased.
 */
@Repository
public class Contacts {

	private final JdbcClient jdbc;

	private final AuthAccounts accounts;

	private final Clock clock;

	Contacts(JdbcClient jdbc, AuthAccounts accounts, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
	}

	public void saveUser(String userId, String email, Instant at) {
		this.jdbc.sql("""
				insert into user_contact (user_id, email, updated_at) values (?, ?, ?)
				on conflict (user_id) do update set email = excluded.email, updated_at = excluded.updated_at
				where user_contact.updated_at <= excluded.updated_at""")
			.params(userId, email, Timestamp.from(at))
			.update();
	}

	public void saveMerchant(String merchantId, String email, Instant at) {
		this.jdbc.sql("""
				insert into merchant_contact (merchant_id, email, updated_at) values (?, ?, ?)
				on conflict (merchant_id) do update set email = excluded.email, updated_at = excluded.updated_at
				where merchant_contact.updated_at <= excluded.updated_at""")
			.params(merchantId, email, Timestamp.from(at))
			.update();
	}

	/**
	 * @throws io.emberpay.starter.internal.ServiceUnreachable when a user's address is
	 * not on file and auth-service does not answer
	 */
	Optional<String> email(String recipient) {
		if (recipient.startsWith("mer_")) {
			return this.jdbc.sql("select email from merchant_contact where merchant_id = ?")
				.param(recipient)
				.query(String.class)
				.optional();
		}
		Optional<String> known = this.jdbc.sql("select email from user_contact where user_id = ?")
			.param(recipient)
			.query(String.class)
			.optional();
		if (known.isPresent()) {
			return known;
		}
		Optional<String> asked = this.accounts.email(recipient);
		asked.ifPresent(email -> saveUser(recipient, email, this.clock.instant()));
		return asked;
	}

	/** Forgets the user's address; answers whether one was on file. */
	public boolean forgetUser(String userId) {
		return this.jdbc.sql("delete from user_contact where user_id = ?").param(userId).update() > 0;
	}

}
