package io.emberpay.subscription.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The app account token a user's app sets on a store purchase (Apple's
 * {@code appAccountToken}, Google's {@code obfuscatedExternalAccountId}): one random UUID
 * per user and merchant, so the stores never see our user id and a notification finds its
 * user only through this table.
 */
@Component
public class AppAccountTokens {

	private final JdbcClient jdbc;

	AppAccountTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The user's token at the merchant, made on first use. */
	UUID tokenFor(String merchant, String customer, Instant now) {
		this.jdbc.sql("""
				insert into app_account_token (token, merchant, customer, created) values (?, ?, ?, ?)
				on conflict (merchant, customer) do nothing""")
			.params(UUID.randomUUID(), merchant, customer, Timestamp.from(now))
			.update();
		return this.jdbc.sql("select token from app_account_token where merchant = ? and customer = ?")
			.params(merchant, customer)
			.query(UUID.class)
			.single();
	}

	/** The user behind a token the store sent back, if the token is the merchant's. */
	Optional<String> customer(String merchant, String token) {
		UUID parsed;
		try {
			parsed = UUID.fromString(token);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
		return this.jdbc.sql("select customer from app_account_token where token = ? and merchant = ?")
			.params(parsed, merchant)
			.query(String.class)
			.optional();
	}

}
