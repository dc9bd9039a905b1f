package io.emberpay.subscription.store.googleplay;

import java.time.Instant;
import java.util.List;

/**
 * The part of the Google Play Developer API this service uses:
 * {@code purchases.subscriptionsv2.get}, the current state of a subscription purchase.
 */
interface PlayDeveloperApi {

	/**
	 * The purchase as Google knows it now.
	 * @throws Unavailable when Google could not be asked or did not answer
	 */
	SubscriptionPurchase subscription(String packageName, String purchaseToken);

	/**
	 * {@code SubscriptionPurchaseV2}, reduced to what decides an entitlement.
	 *
	 * @param subscriptionState e.g. {@code SUBSCRIPTION_STATE_ACTIVE}
	 * @param obfuscatedExternalAccountId the app account token the app set at purchase
	 * @param linkedPurchaseToken the purchase this one replaced (an upgrade), if any
	 * @param lineItems the products and until when each is paid
	 * @param testPurchase whether Google marked it a test purchase (a license tester's,
	 * not charged)
	 */
	record SubscriptionPurchase(String subscriptionState, String obfuscatedExternalAccountId,
			String linkedPurchaseToken, List<LineItem> lineItems, boolean testPurchase) {

		/** Whether the state is one in which the user keeps access until expiry. */
		boolean entitling() {
			return switch (this.subscriptionState) {
				case "SUBSCRIPTION_STATE_ACTIVE", "SUBSCRIPTION_STATE_IN_GRACE_PERIOD", "SUBSCRIPTION_STATE_CANCELED" ->
					true;
				default -> false;
			};
		}

	}

	record LineItem(String productId, Instant expiryTime) {
	}

	/** Google could not be asked; Pub/Sub delivers the notification again. */
	final class Unavailable extends RuntimeException {

		Unavailable(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
