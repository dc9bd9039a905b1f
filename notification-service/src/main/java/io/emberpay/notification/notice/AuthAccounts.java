package io.emberpay.notification.notice;

import java.time.Instant;
import java.util.Optional;

import io.emberpay.notification.config.AccountMailProperties;
import io.emberpay.starter.internal.InternalServices;
import io.emberpay.starter.internal.ServiceRefused;

import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * auth-service's answers about user accounts. Addresses and link tokens never travel on
 * Kafka (a topic cannot forget a user), so they are asked for here, over an authenticated
 * internal call, when a mail is about to go out. auth-service not answering is a
 * {@link io.emberpay.starter.internal.ServiceUnreachable}.
 */
@Component
public class AuthAccounts {

	private final AuthAccountsApi auth;

	AuthAccounts(InternalServices services, AccountMailProperties properties) {
		this.auth = services.client(AuthAccountsApi.class, "auth-service", properties.authUrl().toString(),
				properties.timeout());
	}

	/** The user's address; empty for an unknown or erased user. */
	public Optional<String> email(String userId) {
		try {
			return Optional.ofNullable(this.auth.contact(userId).email());
		}
		catch (ServiceRefused ex) {
			return absentOn404(ex);
		}
	}

	/**
	 * Mints the token of a requested link; empty when the link is used, too old or its
	 * user erased.
	 */
	public Optional<IssuedLink> issue(String linkId) {
		try {
			return Optional.of(this.auth.issue(linkId));
		}
		catch (ServiceRefused ex) {
			return absentOn404(ex);
		}
	}

	/**
	 * Mints the token of a team invitation; empty when it was accepted, revoked or has
	 * expired.
	 */
	public Optional<IssuedInvitation> invitation(String invitationId) {
		try {
			return Optional.of(this.auth.invitation(invitationId));
		}
		catch (ServiceRefused ex) {
			return absentOn404(ex);
		}
	}

	private static <T> Optional<T> absentOn404(ServiceRefused ex) {
		if (ex.status() == 404) {
			return Optional.empty();
		}
		throw new IllegalStateException("auth-service answered " + ex.status(), ex);
	}

	@HttpExchange(url = "/internal/v1", accept = "application/json")
	interface AuthAccountsApi {

		@GetExchange("/users/{user}/contact")
		Contact contact(@PathVariable String user);

		@PostExchange("/account_links/{link}/issue")
		IssuedLink issue(@PathVariable String link);

		@PostExchange("/invitations/{invitation}/issue")
		IssuedInvitation invitation(@PathVariable String invitation);

	}

	record Contact(String email) {
	}

	/**
	 * An invitation's token in clear: for the e-mail body only, never a log or a table.
	 */
	public record IssuedInvitation(String id, String merchant, String merchantName, String email, String role,
			String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedInvitation[id=" + this.id + ", merchant=" + this.merchant + "]";
		}

	}

	/** A link's token in clear: for the e-mail body only, never a log or a table. */
	public record IssuedLink(String id, String user, String purpose, String email, String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedLink[id=" + this.id + ", purpose=" + this.purpose + "]";
		}

	}

}
