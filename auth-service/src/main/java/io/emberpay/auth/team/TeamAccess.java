package io.emberpay.auth.team;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Who acts on a merchant's team and with which role: the merchant's secret key (through
 * the gateway's merchant token) acts as an admin; a member acts with the role stored now,
 * whether through a merchant token issued to them (its grant must still be current) or
 * their own user token (with a second factor, as the dashboard needs). Anyone else is
 * told the merchant does not exist.
 */
@Component
class TeamAccess {

	/** Claims a member's merchant token carries beside a key's (docs/contracts.md). */
	static final String USER_CLAIM = "user";

	static final String ROLE_CLAIM = "member_role";

	static final String GRANT_CLAIM = "grant";

	private final Members members;

	TeamAccess(Members members) {
		this.members = members;
	}

	/** Any member or the merchant's key: for reading the team. */
	Actor member(Caller caller, Jwt jwt, String merchantId) {
		if (caller.isMerchant() && caller.id().equals(merchantId)) {
			String user = jwt.getClaimAsString(USER_CLAIM);
			if (user == null) {
				return new Actor(merchantId, TeamRole.ADMIN, true);
			}
			return this.members.find(merchantId, user)
				.filter(member -> member.grantId().equals(jwt.getClaimAsString(GRANT_CLAIM)))
				.map(member -> new Actor(user, member.role(), false))
				.orElseThrow(() -> ApiException.notFound("merchant", merchantId));
		}
		if (!caller.isMerchant() && caller.id().startsWith("usr_")) {
			Members.Member member = this.members.find(merchantId, caller.id())
				.orElseThrow(() -> ApiException.notFound("merchant", merchantId));
			if (!caller.amr().contains("otp")) {
				throw new ApiException(CommonError.MFA_REQUIRED,
						"Sign in with your second factor to work on a merchant's team");
			}
			return new Actor(caller.id(), member.role(), false);
		}
		throw ApiException.notFound("merchant", merchantId);
	}

	/** An admin member or the merchant's key: for changing the team. */
	Actor admin(Caller caller, Jwt jwt, String merchantId) {
		Actor actor = member(caller, jwt, merchantId);
		if (actor.role() != TeamRole.ADMIN) {
			throw new ApiException(CommonError.FORBIDDEN,
					"Only an admin of the team may do this; your role is " + actor.role().column());
		}
		return actor;
	}

	/**
	 * {@code id}: the acting user, or the merchant's id when its key acts.
	 */
	record Actor(String id, TeamRole role, boolean key) {
	}

}
