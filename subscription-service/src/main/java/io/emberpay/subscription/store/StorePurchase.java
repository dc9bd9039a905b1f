package io.emberpay.subscription.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store confirmed about one purchase, after its signature (or its API's answer)
 * was checked: the user's app account token, the store's product, the purchase's own id
 * (Apple's original transaction id, a digest of Google's purchase token), and until when
 * it entitles, unless it was revoked (refund, revocation, expiry).
 * {@code replacedPurchaseId} is a purchase this one took the place of (a Google Play
 * upgrade or downgrade), which entitles no more. {@code livemode}: the store's production
 * environment; its sandbox (Apple's Sandbox, a Google Play test purchase) is test mode.
 */
public record StorePurchase(String store, String merchant, String appAccountToken, String productId, String purchaseId,
		Instant expiresAt, boolean revoked, String replacedPurchaseId, boolean livemode) {

	public StorePurchase {
		Objects.requireNonNull(store, "store");
		Objects.requireNonNull(merchant, "merchant");
		Objects.requireNonNull(purchaseId, "purchaseId");
	}

	/** Whether the purchase still entitles at {@code now}. */
	public boolean entitlesAt(Instant now) {
		return !this.revoked && this.expiresAt != null && this.expiresAt.isAfter(now);
	}

}
