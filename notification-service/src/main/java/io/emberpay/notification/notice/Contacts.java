package io.emberpay.notification.notice;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Email addresses of users and merchants, copied from auth-service's sign-up events so a
 * receipt never waits on a call to another service.
 */
@Repository
public class Contacts {

	private final JdbcClient jdbc;

	Contacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	Optional<String> email(String recipient) {
		String sql = recipient.startsWith("mer_") ? "select email from merchant_contact where merchant_id = ?"
				: "select email from user_contact where user_id = ?";
		return this.jdbc.sql(sql).param(recipient).query(String.class).optional();
	}

}
