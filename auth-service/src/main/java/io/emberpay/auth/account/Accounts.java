package io.emberpay.auth.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code app_user} table; an erased user is no longer found by id or e-mail. */
@Repository
public class Accounts {

	private static final String COLUMNS = "id, email, password_hash, roles, created_at";

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the user unless the email is taken; answers whether it was inserted. */
	boolean insert(UserAccount user) {
		return this.jdbc
			.sql("insert into app_user (id, email, password_hash, roles, created_at) values (?, ?, ?, ?, ?)"
					+ " on conflict (email) do nothing")
			.params(user.id(), user.email(), user.passwordHash(), user.roles().toArray(String[]::new),
					Timestamp.from(user.createdAt()))
			.update() == 1;
	}

	public Optional<UserAccount> byEmail(String normalizedEmail) {
		return this.jdbc.sql("select " + COLUMNS + " from app_user where email = ? and erased_at is null")
			.param(normalizedEmail)
			.query((rs, n) -> map(rs))
			.optional();
	}

	public Optional<UserAccount> byId(String id) {
		return this.jdbc.sql("select " + COLUMNS + " from app_user where id = ? and erased_at is null")
			.param(id)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/** Replaces the stored hash of {@code userId}'s password. */
	void changePasswordHash(String userId, String passwordHash) {
		this.jdbc.sql("update app_user set password_hash = ? where id = ?").params(passwordHash, userId).update();
	}

	/** Answers whether the address was not verified before. */
	boolean markEmailVerified(String userId, Instant now) {
		return this.jdbc.sql("update app_user set email_verified_at = ? where id = ? and email_verified_at is null")
			.params(Timestamp.from(now), userId)
			.update() == 1;
	}

	public boolean emailVerified(String userId) {
		return this.jdbc.sql("select email_verified_at is not null from app_user where id = ?")
			.param(userId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	private static UserAccount map(ResultSet rs) throws SQLException {
		Array roles = rs.getArray("roles");
		return new UserAccount(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"),
				Arrays.asList((String[]) roles.getArray()), rs.getTimestamp("created_at").toInstant());
	}

}
