package io.emberpay.subscription.store.appstore;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import com.apple.itunes.storekit.client.APIException;
import com.apple.itunes.storekit.model.Data;
import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.NotificationTypeV2;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import com.apple.itunes.storekit.model.Subtype;
import com.apple.itunes.storekit.model.TransactionInfoResponse;
import com.apple.itunes.storekit.verification.VerificationException;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.subscription.SubscriptionError;
import io.emberpay.subscription.store.StorePurchase;
import io.emberpay.subscription.store.StorePurchases;
import io.emberpay.subscription.store.StorePurchases.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * App Store Server Notifications V2. The signed payload is verified with Apple's library
 * (the {@code x5c} chain up to a trusted root, the signature, the app and the
 * environment) before anything in it is read; the transaction it names is then looked up
 * through the App Store Server API, and that verified answer, not the notification,
 * decides the entitlement. Idempotent by {@code notificationUUID}.
 */
@Component
class AppStoreNotifications {

	static final String STORE = "app_store";

	private static final Logger log = LoggerFactory.getLogger(AppStoreNotifications.class);

	/** Types after which the purchase entitles to nothing any more. */
	private static final Set<NotificationTypeV2> ENDING = EnumSet.of(NotificationTypeV2.EXPIRED,
			NotificationTypeV2.REFUND, NotificationTypeV2.REVOKE, NotificationTypeV2.GRACE_PERIOD_EXPIRED);

	/** Types after which the purchase entitles as its current transaction says. */
	private static final Set<NotificationTypeV2> CURRENT = EnumSet.of(NotificationTypeV2.SUBSCRIBED,
			NotificationTypeV2.DID_RENEW, NotificationTypeV2.DID_FAIL_TO_RENEW, NotificationTypeV2.OFFER_REDEEMED,
			NotificationTypeV2.DID_CHANGE_RENEWAL_PREF, NotificationTypeV2.RENEWAL_EXTENDED,
			NotificationTypeV2.REFUND_REVERSED);

	private final AppStoreApps apps;

	private final StorePurchases purchases;

	private final Clock clock;

	AppStoreNotifications(AppStoreApps apps, StorePurchases purchases, Clock clock) {
		this.apps = apps;
		this.purchases = purchases;
		this.clock = clock;
	}

	Outcome receive(String merchant, String signedPayload) {
		AppStoreApps.AppStoreApp app = this.apps.of(merchant)
			.orElseThrow(() -> ApiException.notFound("App Store app", merchant));
		ResponseBodyV2DecodedPayload notification = verified(
				() -> app.verifier().verifyAndDecodeNotification(signedPayload));
		String id = notification.getNotificationUUID();
		if (id == null || id.isBlank() || id.length() > 64) {
			throw ApiException.invalid("signedPayload", "The notification has no notificationUUID");
		}
		if (this.purchases.seen(STORE, id)) {
			return Outcome.DUPLICATE;
		}
		NotificationTypeV2 type = notification.getNotificationType();
		String typeName = (type != null) ? type.getValue() : String.valueOf(notification.getRawNotificationType());
		Data data = notification.getData();
		if (type == null || data == null || data.getSignedTransactionInfo() == null
				|| !(ENDING.contains(type) || CURRENT.contains(type))) {
			return this.purchases.ignore(STORE, id, merchant, typeName, this.clock.instant());
		}
		JWSTransactionDecodedPayload notified = verified(
				() -> app.verifier().verifyAndDecodeTransaction(data.getSignedTransactionInfo()));
		JWSTransactionDecodedPayload current = lookUp(app, notified.getTransactionId());
		if (!notified.getOriginalTransactionId().equals(current.getOriginalTransactionId())) {
			throw ApiException.invalid("signedPayload", "The App Store answered another purchase");
		}
		Instant expiresAt = entitledUntil(app, notification, current);
		boolean revoked = ENDING.contains(type) || current.getRevocationDate() != null;
		StorePurchase purchase = new StorePurchase(STORE, merchant,
				(current.getAppAccountToken() != null) ? current.getAppAccountToken().toString() : null,
				current.getProductId(), current.getOriginalTransactionId(), expiresAt, revoked, null,
				livemode(current, data));
		Outcome outcome = this.purchases.apply(id, typeName, purchase, app.products(), this.clock.instant());
		log.info("App Store notification {} {} for merchant {}: {}", id, typeName, merchant, outcome);
		return outcome;
	}

	/**
	 * Production purchases are live; Apple's Sandbox (TestFlight, sandbox testers) is
	 * test mode. The looked-up transaction says, else the verified notification does.
	 */
	private static boolean livemode(JWSTransactionDecodedPayload current, Data data) {
		Environment environment = (current.getEnvironment() != null) ? current.getEnvironment() : data.getEnvironment();
		return environment == Environment.PRODUCTION;
	}

	/**
	 * Until the transaction expires, or through Apple's billing grace period when a
	 * renewal failed in one.
	 */
	private Instant entitledUntil(AppStoreApps.AppStoreApp app, ResponseBodyV2DecodedPayload notification,
			JWSTransactionDecodedPayload current) {
		Instant expiresAt = (current.getExpiresDate() != null) ? Instant.ofEpochMilli(current.getExpiresDate()) : null;
		String signedRenewal = notification.getData().getSignedRenewalInfo();
		if (notification.getNotificationType() == NotificationTypeV2.DID_FAIL_TO_RENEW
				&& notification.getSubtype() == Subtype.GRACE_PERIOD && signedRenewal != null) {
			JWSRenewalInfoDecodedPayload renewal = verified(
					() -> app.verifier().verifyAndDecodeRenewalInfo(signedRenewal));
			if (renewal.getGracePeriodExpiresDate() != null) {
				Instant grace = Instant.ofEpochMilli(renewal.getGracePeriodExpiresDate());
				expiresAt = (expiresAt == null || grace.isAfter(expiresAt)) ? grace : expiresAt;
			}
		}
		return expiresAt;
	}

	private JWSTransactionDecodedPayload lookUp(AppStoreApps.AppStoreApp app, String transactionId) {
		TransactionInfoResponse answer;
		try {
			answer = app.api().getTransactionInfo(transactionId);
		}
		catch (APIException | IOException | RuntimeException ex) {
			// Apple sends the notification again later: answer 503 so it does
			log.warn("App Store Server API lookup of transaction {} failed: {}", transactionId, ex.toString());
			throw new ApiException(CommonError.SERVICE_UNAVAILABLE, "The App Store could not be asked; retry later");
		}
		if (answer == null || answer.getSignedTransactionInfo() == null) {
			throw new ApiException(CommonError.SERVICE_UNAVAILABLE, "The App Store answered no transaction");
		}
		return verified(() -> app.verifier().verifyAndDecodeTransaction(answer.getSignedTransactionInfo()));
	}

	private static <T> T verified(Verification<T> verification) {
		try {
			return verification.run();
		}
		catch (VerificationException ex) {
			throw new ApiException(SubscriptionError.STORE_NOTIFICATION_UNVERIFIED,
					"The App Store signature could not be verified (" + ex.getStatus() + ")", "signedPayload");
		}
		catch (RuntimeException ex) {
			// a payload that is not a JWS at all is as untrusted as a bad signature
			throw new ApiException(SubscriptionError.STORE_NOTIFICATION_UNVERIFIED,
					"The App Store payload is not a signed notification", "signedPayload");
		}
	}

	@FunctionalInterface
	private interface Verification<T> {

		T run() throws VerificationException;

	}

}
