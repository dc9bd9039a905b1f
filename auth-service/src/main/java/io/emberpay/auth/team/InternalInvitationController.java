package io.emberpay.auth.team;

import java.time.Clock;
import java.time.Instant;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.InternalCallers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What notification-service asks to e-mail an invitation: the address (never on Kafka)
 * and the token, minted at this call.
 */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class InternalInvitationController {

	private final Invitations invitations;

	private final Clock clock;

	InternalInvitationController(Invitations invitations, Clock clock) {
		this.invitations = invitations;
		this.clock = clock;
	}

	@InternalCallers("notification-service")
	@PostMapping("/internal/v1/invitations/{id}/issue")
	@Operation(summary = "Mint the token of a team invitation, to put into its e-mail",
			description = "Each call mints a new token and the previous one stops working. 404 once the invitation "
					+ "was accepted, revoked or has expired.")
	IssuedInvitation issue(@PathVariable String id) {
		Instant now = this.clock.instant();
		return this.invitations.issue(id, now)
			.map(issued -> new IssuedInvitation(issued.invitation().id(), issued.invitation().merchantId(),
					issued.invitation().merchantName(), issued.invitation().email(),
					issued.invitation().role().column(), issued.token(), issued.invitation().expiresAt()))
			.orElseThrow(() -> ApiException.notFound("invitation", id));
	}

	record IssuedInvitation(String id, String merchant, String merchantName, String email, String role, String token,
			Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedInvitation[id=" + this.id + ", merchant=" + this.merchant + "]";
		}

	}

}
