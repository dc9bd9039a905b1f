package io.emberpay.auth.team;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.account.Accounts;
import io.emberpay.auth.account.UserAccount;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of a merchant's team: invitations are accepted once, by the invited address
 * only; the team always keeps an admin; every change is a security event (audit row and
 * {@code auth.events} record in the same transaction).
 */
@Service
public class MerchantTeam {

	/** Open invitations a merchant may have at once. */
	static final int MAX_OPEN_INVITATIONS = 50;

	private final Members members;

	private final Invitations invitations;

	private final Accounts accounts;

	private final SecurityAudit audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MerchantTeam(Members members, Invitations invitations, Accounts accounts, SecurityAudit audit,
			TransactionTemplate transactions, Clock clock) {
		this.members = members;
		this.invitations = invitations;
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The user who signed the merchant up becomes its first admin, in that transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void addFirstAdmin(String merchantId, String userId, Instant now) {
		if (this.members.add(merchantId, userId, TeamRole.ADMIN, userId, now)) {
			changed(merchantId, "member_added", userId, null, TeamRole.ADMIN, userId, now);
		}
	}

	Invitations.Invitation invite(TeamAccess.Actor actor, String merchantId, String email, TeamRole role) {
		Instant now = this.clock.instant();
		return this.transactions.execute(status -> {
			List<Members.Member> team = this.members.lockTeam(merchantId);
			if (team.stream().anyMatch(member -> member.email().equals(email))) {
				throw new ApiException(CommonError.STATE_CONFLICT, "That address is already a member of the team",
						"email");
			}
			long open = this.invitations.list(merchantId).stream().filter(i -> "pending".equals(i.status(now))).count();
			if (open >= MAX_OPEN_INVITATIONS) {
				throw new ApiException(CommonError.STATE_CONFLICT,
						"The team has " + MAX_OPEN_INVITATIONS + " open invitations; revoke some first");
			}
			Invitations.Invitation invitation = this.invitations.create(merchantId, email, role, actor.id(), now);
			this.audit.record(new AuthEvent.MemberInvited(ResourceIds.event(), now, merchantId, invitation.id(),
					role.column(), actor.id(), RequestOrigin.current()), actor.id(), SecurityAudit.Outcome.SUCCESS);
			return invitation;
		});
	}

	Invitations.Invitation revoke(TeamAccess.Actor actor, String merchantId, String invitationId) {
		Instant now = this.clock.instant();
		return this.transactions.execute(status -> {
			Invitations.Invitation invitation = this.invitations.find(merchantId, invitationId)
				.orElseThrow(() -> ApiException.notFound("invitation", invitationId));
			if (!this.invitations.revoke(merchantId, invitationId, now)) {
				throw new ApiException(CommonError.STATE_CONFLICT,
						"The invitation is " + invitation.status(now) + " and can no longer be revoked");
			}
			changed(merchantId, "invitation_revoked", null, invitationId, invitation.role(), actor.id(), now);
			return this.invitations.find(merchantId, invitationId).orElseThrow();
		});
	}

	/**
	 * The signed-in user joins the team the invitation is for, if it was sent to their
	 * verified address and is still open; it cannot be used again.
	 */
	Members.Member accept(String userId, String token) {
		Instant now = this.clock.instant();
		return this.transactions.execute(status -> {
			Invitations.Invitation invitation = this.invitations.byTokenForUpdate(token)
				.orElseThrow(() -> new ApiException(AuthError.INVALID_INVITATION,
						"No invitation has this token; ask for a new one", "token"));
			switch (invitation.status(now)) {
				case "accepted" -> throw new ApiException(AuthError.INVITATION_ALREADY_ACCEPTED,
						"The invitation was already accepted", "token");
				case "revoked" -> throw new ApiException(AuthError.INVITATION_REVOKED,
						"The invitation was revoked; ask an admin of the team for a new one", "token");
				case "expired" -> throw new ApiException(AuthError.INVITATION_EXPIRED,
						"The invitation expired; ask an admin of the team for a new one", "token");
				default -> {
					// pending: the user may accept it
				}
			}
			UserAccount user = this.accounts.byId(userId)
				.orElseThrow(() -> new ApiException(CommonError.UNAUTHENTICATED, "The user no longer exists"));
			if (!user.email().equals(invitation.email())) {
				throw new ApiException(AuthError.INVITATION_EMAIL_MISMATCH,
						"The invitation was sent to another address; sign in with that one", "token");
			}
			if (!this.accounts.emailVerified(userId)) {
				throw new ApiException(AuthError.EMAIL_NOT_VERIFIED,
						"Confirm your e-mail address first (the link sent at sign-up)", "token");
			}
			this.members.lockTeam(invitation.merchantId());
			if (this.members.find(invitation.merchantId(), userId).isPresent()) {
				throw new ApiException(CommonError.STATE_CONFLICT, "You are already a member of this team", "token");
			}
			this.invitations.accept(invitation.id(), userId, now);
			this.members.add(invitation.merchantId(), userId, invitation.role(), invitation.invitedBy(), now);
			changed(invitation.merchantId(), "member_added", userId, invitation.id(), invitation.role(), userId, now);
			return this.members.find(invitation.merchantId(), userId).orElseThrow();
		});
	}

	Members.Member changeRole(TeamAccess.Actor actor, String merchantId, String userId, TeamRole role) {
		Instant now = this.clock.instant();
		return this.transactions.execute(status -> {
			List<Members.Member> team = this.members.lockTeam(merchantId);
			Members.Member member = member(team, merchantId, userId);
			if (member.role() == role) {
				return member;
			}
			if (member.role() == TeamRole.ADMIN) {
				requireAnotherAdmin(team, userId);
			}
			this.members.changeRole(member, role, now);
			changed(merchantId, "member_role_changed", userId, null, role, actor.id(), now);
			return this.members.find(merchantId, userId).orElseThrow();
		});
	}

	void remove(TeamAccess.Actor actor, String merchantId, String userId) {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult(status -> {
			List<Members.Member> team = this.members.lockTeam(merchantId);
			Members.Member member = member(team, merchantId, userId);
			if (member.role() == TeamRole.ADMIN) {
				requireAnotherAdmin(team, userId);
			}
			this.members.remove(member, now);
			changed(merchantId, "member_removed", userId, null, member.role(), actor.id(), now);
		});
	}

	private static Members.Member member(List<Members.Member> team, String merchantId, String userId) {
		return team.stream()
			.filter(member -> member.userId().equals(userId))
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("member", userId));
	}

	private static void requireAnotherAdmin(List<Members.Member> team, String userId) {
		boolean another = team.stream()
			.anyMatch(member -> member.role() == TeamRole.ADMIN && !member.userId().equals(userId));
		if (!another) {
			throw new ApiException(AuthError.LAST_ADMIN,
					"The team needs an admin: make someone else admin before removing or demoting this one");
		}
	}

	void changed(String merchantId, String change, String userId, String invitationId, TeamRole role, String actor,
			Instant now) {
		this.audit.record(new AuthEvent.TeamChanged(ResourceIds.event(), now, merchantId, change, userId, invitationId,
				role.column(), actor, RequestOrigin.current()), actor, SecurityAudit.Outcome.SUCCESS);
	}

}
