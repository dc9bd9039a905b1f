package io.emberpay.subscription.entitlement;

import java.time.Instant;

import io.emberpay.events.subscription.EntitlementSnapshot;

/**
 * A tier a user may use at a merchant until {@code expiresAt}, granted by one source: a
 * subscription ({@code sub_}) or a store purchase; in the mode of its source (a store's
 * sandbox is test mode).
 */
public record Entitlement(String id, String merchant, String customer, String tier, String source, String sourceId,
		Instant expiresAt, Instant revokedAt, boolean livemode) {

	public static final String SOURCE_SUBSCRIPTION = "subscription";

	public EntitlementSnapshot snapshot() {
		return new EntitlementSnapshot(this.id, "entitlement", this.merchant, this.customer, this.tier, this.source,
				this.sourceId, this.expiresAt, this.livemode);
	}

	public boolean activeAt(Instant now) {
		return this.revokedAt == null && this.expiresAt.isAfter(now);
	}

}
