package io.emberpay.notification.notice;

import java.time.Instant;
import java.util.Optional;

import io.emberpay.notification.config.AccountMailProperties;
import io.emberpay.starter.internal.InternalApiClient;

import org.springframework.stereotype.Component;

/**
 * auth-service's answers about user accounts. Addresses and link tokens never travel on
 * Kafka (a topic cannot forget a user), so they are asked for here, over an authenticated
 * internal call, when a mail is about to go out.
 */
@Component
public class AuthAccounts {

	private static final String SERVICE = "auth-service";

	private final InternalApiClient client;

	private final AccountMailProperties properties;

	AuthAccounts(InternalApiClient client, AccountMailProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	/**
	 * The user's address; empty for an unknown or erased user.
	 * @throws InternalApiClient.Unreachable when auth-service does not answer
	 */
	public Optional<String> email(String userId) {
		InternalApiClient.Reply reply = this.client.get(SERVICE,
				this.properties.authUrl() + "/internal/v1/users/" + userId + "/contact", this.properties.timeout());
		return switch (reply.status()) {
			case 200 -> Optional.ofNullable(reply.text("email"));
			case 404 -> Optional.empty();
			default -> throw unexpected(reply);
		};
	}

	/**
	 * Mints the token of a requested link; empty when the link is used, too old or its
	 * user erased.
	 */
	public Optional<IssuedLink> issue(String linkId) {
		InternalApiClient.Reply reply = this.client.post(SERVICE,
				this.properties.authUrl() + "/internal/v1/account_links/" + linkId + "/issue", java.util.Map.of(),
				this.properties.timeout());
		return switch (reply.status()) {
			case 200 -> Optional.of(new IssuedLink(reply.text("id"), reply.text("user"), reply.text("purpose"),
					reply.text("email"), reply.text("token"), Instant.parse(reply.text("expires_at"))));
			case 404 -> Optional.empty();
			default -> throw unexpected(reply);
		};
	}

	private static IllegalStateException unexpected(InternalApiClient.Reply reply) {
		return new IllegalStateException("auth-service answered " + reply.status());
	}

	/** A link's token in clear: for the e-mail body only, never a log or a table. */
	public record IssuedLink(String id, String user, String purpose, String email, String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedLink[id=" + this.id + ", purpose=" + this.purpose + "]";
		}

	}

}
