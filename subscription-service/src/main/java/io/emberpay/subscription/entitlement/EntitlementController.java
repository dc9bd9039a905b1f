package io.emberpay.subscription.entitlement;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/users/me/entitlements}: the tiers the user may use now, per merchant, so
 * an app unlocks premium with one call. A user is not in a mode the way a merchant's key
 * is (a user's token carries none), so the list holds both modes' entitlements, each
 * saying its own: an App Store sandbox purchase is test, a production one live.
 */
@RestController
class EntitlementController {

	private final Entitlements entitlements;

	private final Clock clock;

	EntitlementController(Entitlements entitlements, Clock clock) {
		this.entitlements = entitlements;
		this.clock = clock;
	}

	@GetMapping("/v1/users/me/entitlements")
	EntitlementList mine(Caller caller) {
		if (!caller.isUser()) {
			throw new ApiException(CommonError.FORBIDDEN, "Entitlements are a user's");
		}
		return new EntitlementList("list",
				this.entitlements.activeFor(caller.id(), this.clock.instant())
					.stream()
					.map(entitlement -> new EntitlementView(entitlement.merchant(), entitlement.tier(),
							entitlement.source(), entitlement.expiresAt(), entitlement.livemode()))
					.toList());
	}

	record EntitlementList(String object, List<EntitlementView> data) {
	}

	record EntitlementView(String merchant, String tier, String source, Instant expiresAt, boolean livemode) {
	}

}
