package io.emberpay.auth.account;

import java.time.Clock;
import java.time.Instant;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.InternalCallers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What notification-service asks to e-mail a user: the address (never sent on Kafka, so
 * an erasure can really forget it) and the token of a link, minted at this call.
 */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class InternalAccountController {

	private final Accounts accounts;

	private final AccountLinks links;

	private final Clock clock;

	InternalAccountController(Accounts accounts, AccountLinks links, Clock clock) {
		this.accounts = accounts;
		this.links = links;
		this.clock = clock;
	}

	@InternalCallers("notification-service")
	@GetMapping("/internal/v1/users/{id}/contact")
	@Operation(summary = "A user's e-mail address; 404 for an unknown or erased user")
	Contact contact(@PathVariable String id) {
		return this.accounts.byId(id)
			.map(user -> new Contact(user.id(), user.email(), this.accounts.emailVerified(user.id())))
			.orElseThrow(() -> ApiException.notFound("user", id));
	}

	@InternalCallers("notification-service")
	@PostMapping("/internal/v1/account_links/{id}/issue")
	@Operation(summary = "Mint the token of a requested reset or verification link, to put into its e-mail",
			description = "Each call mints a new token and the previous one stops working. 404 when the link was "
					+ "used, is too old to mail (30 minutes after the request), or its user was erased.")
	IssuedLink issue(@PathVariable String id) {
		Instant now = this.clock.instant();
		return this.links.issue(id, now)
			.map(link -> new IssuedLink(link.id(), link.user(), link.purpose().column(), link.email(), link.token(),
					link.expiresAt()))
			.orElseThrow(() -> ApiException.notFound("account_link", id));
	}

	record Contact(String id, String email, boolean emailVerified) {
	}

	record IssuedLink(String id, String user, String purpose, String email, String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedLink[id=" + this.id + ", purpose=" + this.purpose + "]";
		}

	}

}
