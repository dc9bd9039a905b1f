package io.emberpay.auth.team;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.emberpay.auth.account.Emails;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's team (docs/api.md, "Merchants and API keys"): invitations, members and
 * their roles, and the merchant token a member's dashboard works with.
 */
@RestController
@Tag(name = "Merchant team", description = "Team members of a merchant, their roles and invitations")
class TeamController {

	private final MerchantTeam team;

	private final TeamAccess access;

	private final Members members;

	private final Invitations invitations;

	private final MemberTokens memberTokens;

	private final Clock clock;

	TeamController(MerchantTeam team, TeamAccess access, Members members, Invitations invitations,
			MemberTokens memberTokens, Clock clock) {
		this.team = team;
		this.access = access;
		this.members = members;
		this.invitations = invitations;
		this.memberTokens = memberTokens;
		this.clock = clock;
	}

	@PostMapping("/v1/merchants/{id}/invitations")
	@Operation(summary = "Invite someone to the team by e-mail",
			description = "An admin member or the merchant's secret key. The invitation is e-mailed with a link "
					+ "valid 7 days; the token is in the e-mail only.")
	ResponseEntity<InvitationView> invite(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @PathVariable String id,
			@Valid @RequestBody InvitationRequest request) {
		TeamAccess.Actor actor = this.access.admin(caller, jwt, id);
		TeamRole role = role(request.role());
		Invitations.Invitation invitation = this.team.invite(actor, id, Emails.normalize(request.email()), role);
		return ResponseEntity.created(URI.create("/v1/merchants/" + id + "/invitations/" + invitation.id()))
			.body(InvitationView.of(invitation, this.clock.instant()));
	}

	@GetMapping("/v1/merchants/{id}/invitations")
	@Operation(summary = "The team's invitations, newest first (at most 100)")
	Page<InvitationView> invitations(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
		this.access.member(caller, jwt, id);
		Instant now = this.clock.instant();
		return new Page<>(this.invitations.list(id).stream().map(i -> InvitationView.of(i, now)).toList());
	}

	@PostMapping("/v1/merchants/{id}/invitations/{invitation}/revoke")
	@Operation(summary = "Revoke a pending invitation", description = "409 state_conflict once accepted or revoked.")
	InvitationView revoke(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @PathVariable String id,
			@PathVariable String invitation) {
		TeamAccess.Actor actor = this.access.admin(caller, jwt, id);
		return InvitationView.of(this.team.revoke(actor, id, invitation), this.clock.instant());
	}

	@PostMapping("/v1/merchants/invitations/accept")
	@Operation(summary = "Accept an invitation as the signed-in user",
			description = "The user's verified e-mail must be the invited address. Single use.")
	MemberView accept(@Parameter(hidden = true) Caller caller, @Valid @RequestBody AcceptRequest request) {
		if (caller.isMerchant() || !caller.id().startsWith("usr_")) {
			throw ApiException.notFound("invitation", "accept");
		}
		return MemberView.of(this.team.accept(caller.id(), request.token()));
	}

	@GetMapping("/v1/merchants/{id}/members")
	@Operation(summary = "The team's members with their roles")
	Page<MemberView> members(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
		this.access.member(caller, jwt, id);
		return new Page<>(this.members.list(id).stream().map(MemberView::of).toList());
	}

	@PatchMapping("/v1/merchants/{id}/members/{user}")
	@Operation(summary = "Change a member's role",
			description = "Admin only; 409 last_admin when it would leave the team without an admin.")
	MemberView changeRole(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @PathVariable String id,
			@PathVariable String user, @Valid @RequestBody RoleRequest request) {
		TeamAccess.Actor actor = this.access.admin(caller, jwt, id);
		return MemberView.of(this.team.changeRole(actor, id, user, role(request.role())));
	}

	@DeleteMapping("/v1/merchants/{id}/members/{user}")
	@Operation(summary = "Remove a member from the team",
			description = "Admin only; 409 last_admin for the last admin. Their merchant tokens stop at once.")
	ResponseEntity<Void> remove(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @PathVariable String id,
			@PathVariable String user) {
		TeamAccess.Actor actor = this.access.admin(caller, jwt, id);
		this.team.remove(actor, id, user);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/v1/users/me/merchants")
	@Operation(summary = "The merchants the signed-in user is a member of, with their role")
	Page<MembershipView> myMerchants(@Parameter(hidden = true) Caller caller) {
		if (caller.isMerchant() || !caller.id().startsWith("usr_")) {
			throw ApiException.notFound("user", "me");
		}
		return new Page<>(this.members.ofUser(caller.id()).stream().map(MembershipView::of).toList());
	}

	@PostMapping("/v1/auth/merchant_token")
	@Operation(summary = "A merchant token for a member's dashboard",
			description = "A user token whose login used a second factor (403 mfa_required otherwise), of a member "
					+ "of the merchant (404 otherwise). Test mode unless livemode is true and the merchant is "
					+ "approved for live. Ends with the user's session or the membership.")
	MemberTokens.Issued merchantToken(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody TokenRequest request) {
		if (caller.isMerchant() || !caller.id().startsWith("usr_")) {
			throw ApiException.notFound("merchant", request.merchant());
		}
		return this.memberTokens.issue(caller.id(), caller.amr(), jwt.getClaimAsString("sid"), request.merchant(),
				Boolean.TRUE.equals(request.livemode()));
	}

	private static TeamRole role(String value) {
		return TeamRole.parse(value)
			.orElseThrow(() -> ApiException.invalid("role", "role must be admin, developer or view_only"));
	}

	record InvitationRequest(@NotNull @Size(max = 254) @Email(regexp = Emails.PATTERN) String email,
			@NotBlank @Size(max = 16) String role) {
	}

	record RoleRequest(@NotBlank @Size(max = 16) String role) {
	}

	record AcceptRequest(@NotBlank @Size(max = 256) String token) {

		@Override
		public String toString() {
			return "AcceptRequest[token=<hidden>]";
		}

	}

	record TokenRequest(@NotBlank @Size(max = 40) String merchant, Boolean livemode) {
	}

	record Page<T>(String object, List<T> data) {

		Page(List<T> data) {
			this("list", data);
		}

	}

	record InvitationView(String id, String object, String merchant, String email, String role, String status,
			Instant created, Instant expiresAt, Instant acceptedAt, Instant revokedAt, String invitedBy) {

		static InvitationView of(Invitations.Invitation i, Instant now) {
			return new InvitationView(i.id(), "invitation", i.merchantId(), i.email(), i.role().column(), i.status(now),
					i.createdAt(), i.expiresAt(), i.acceptedAt(), i.revokedAt(), i.invitedBy());
		}

	}

	record MemberView(String object, String merchant, String user, String email, String role, Instant added,
			String addedBy) {

		static MemberView of(Members.Member m) {
			return new MemberView("member", m.merchantId(), m.userId(), m.email(), m.role().column(), m.addedAt(),
					m.addedBy());
		}

	}

	record MembershipView(String object, String merchant, String name, String role) {

		static MembershipView of(Members.Member m) {
			return new MembershipView("membership", m.merchantId(), m.merchantName(), m.role().column());
		}

	}

}
