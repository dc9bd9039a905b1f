package io.emberpay.subscription.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.emberpay.subscription.entitlement.Entitlements;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a verified store notification into entitlements, once per notification: the
 * notification's id is recorded in the same transaction as its effect, so a store that
 * sends it again (they retry until they get a 2xx) changes nothing. A purchase whose
 * account token or product the merchant does not know is recorded and ignored: it grants
 * nothing, and the store stops retrying.
 */
@Component
public class StorePurchases {

	private final JdbcClient jdbc;

	private final AppAccountTokens tokens;

	private final Entitlements entitlements;

	StorePurchases(JdbcClient jdbc, AppAccountTokens tokens, Entitlements entitlements) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.entitlements = entitlements;
	}

	/**
	 * Whether the store's notification was handled already (a cheap check before calling
	 * the store).
	 */
	public boolean seen(String store, String notificationId) {
		return this.jdbc.sql("select 1 from store_notification where store = ? and notification_id = ?")
			.params(store, notificationId)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/**
	 * Records a notification that changes no purchase (a test notification, a summary, a
	 * type this service does not act on).
	 */
	@Transactional
	public Outcome ignore(String store, String notificationId, String merchant, String type, Instant now) {
		return claim(store, notificationId, merchant, type, Outcome.IGNORED, now) ? Outcome.IGNORED : Outcome.DUPLICATE;
	}

	/**
	 * Grants the purchase's tier until it expires, or revokes it, as the store confirmed,
	 * once per notification.
	 */
	@Transactional
	public Outcome apply(String notificationId, String type, StorePurchase purchase, Map<String, String> tiers,
			Instant now) {
		Optional<String> customer = this.tokens.customer(purchase.merchant(), purchase.appAccountToken());
		String tier = (purchase.productId() != null) ? tiers.get(purchase.productId()) : null;
		Outcome outcome;
		if (customer.isEmpty()) {
			outcome = Outcome.UNKNOWN_ACCOUNT;
		}
		else if (tier == null) {
			outcome = Outcome.UNKNOWN_PRODUCT;
		}
		else {
			outcome = purchase.entitlesAt(now) ? Outcome.GRANTED : Outcome.REVOKED;
		}
		if (!claim(purchase.store(), notificationId, purchase.merchant(), type, outcome, now)) {
			return Outcome.DUPLICATE;
		}
		if (outcome == Outcome.GRANTED) {
			if (purchase.replacedPurchaseId() != null) {
				this.entitlements.revoke(purchase.store(), purchase.replacedPurchaseId(), now);
			}
			this.entitlements.grant(purchase.merchant(), customer.get(), tier, purchase.store(), purchase.purchaseId(),
					purchase.expiresAt(), now, purchase.livemode(), null);
		}
		else if (outcome == Outcome.REVOKED) {
			this.entitlements.revoke(purchase.store(), purchase.purchaseId(), now);
		}
		return outcome;
	}

	private boolean claim(String store, String notificationId, String merchant, String type, Outcome outcome,
			Instant now) {
		return this.jdbc.sql("""
				insert into store_notification (store, notification_id, merchant, type, outcome, received)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(store, notificationId, merchant, type, outcome.name().toLowerCase(java.util.Locale.ROOT),
					Timestamp.from(now))
			.update() == 1;
	}

	/** What a notification did. */
	public enum Outcome {

		GRANTED, REVOKED, UNKNOWN_ACCOUNT, UNKNOWN_PRODUCT, IGNORED, DUPLICATE

	}

}
