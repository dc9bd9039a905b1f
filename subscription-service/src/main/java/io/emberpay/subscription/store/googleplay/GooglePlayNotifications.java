package io.emberpay.subscription.store.googleplay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.subscription.store.StorePurchase;
import io.emberpay.subscription.store.StorePurchases;
import io.emberpay.subscription.store.StorePurchases.Outcome;
import io.emberpay.subscription.store.googleplay.PlayDeveloperApi.LineItem;
import io.emberpay.subscription.store.googleplay.PlayDeveloperApi.SubscriptionPurchase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Google Play real-time developer notifications, pushed by Pub/Sub. The push's OIDC token
 * is checked first; the notification itself carries no signature and only names a
 * purchase token, so the purchase's state is then asked of the Play Developer API, whose
 * answer alone decides the entitlement. Idempotent by Pub/Sub's {@code messageId}.
 */
@Component
class GooglePlayNotifications {

	static final String STORE = "google_play";

	private static final Logger log = LoggerFactory.getLogger(GooglePlayNotifications.class);

	/** {@code voidedPurchaseNotification.productType} of a subscription. */
	private static final int VOIDED_SUBSCRIPTION = 1;

	private final GooglePlayProperties properties;

	private final PushAuthentication push;

	private final PlayDeveloperApi api;

	private final StorePurchases purchases;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	GooglePlayNotifications(GooglePlayProperties properties, PushAuthentication push, PlayDeveloperApi api,
			StorePurchases purchases, Clock clock) {
		this.properties = properties;
		this.push = push;
		this.api = api;
		this.purchases = purchases;
		this.clock = clock;
	}

	Outcome receive(String merchant, String authorization, JsonNode envelope) {
		GooglePlayProperties.App app = this.properties.apps().get(merchant);
		if (app == null) {
			throw ApiException.notFound("Google Play app", merchant);
		}
		this.push.verify(authorization);
		JsonNode message = envelope.path("message");
		String messageId = message.path("messageId").asString(message.path("message_id").asString(null));
		if (messageId == null || messageId.isBlank() || messageId.length() > 64) {
			throw ApiException.invalid("message.messageId", "The push has no message id");
		}
		JsonNode notification = decode(message.path("data").asString(null));
		if (!app.packageName().equals(notification.path("packageName").asString(null))) {
			throw ApiException.invalid("message.data", "The notification is for another app");
		}
		if (this.purchases.seen(STORE, messageId)) {
			return Outcome.DUPLICATE;
		}
		JsonNode subscription = notification.path("subscriptionNotification");
		JsonNode voided = notification.path("voidedPurchaseNotification");
		String purchaseToken;
		String type;
		boolean refunded = false;
		if (subscription.isObject()) {
			purchaseToken = subscription.path("purchaseToken").asString(null);
			type = "subscription_" + subscription.path("notificationType").asInt(0);
		}
		else if (voided.isObject() && voided.path("productType").asInt(0) == VOIDED_SUBSCRIPTION) {
			purchaseToken = voided.path("purchaseToken").asString(null);
			type = "voided_purchase";
			refunded = true;
		}
		else {
			return this.purchases.ignore(STORE, messageId, merchant, notificationKind(notification),
					this.clock.instant());
		}
		if (purchaseToken == null || purchaseToken.isBlank() || purchaseToken.length() > 4096) {
			throw ApiException.invalid("message.data", "The notification names no purchase token");
		}
		SubscriptionPurchase state = confirmed(app, purchaseToken);
		LineItem latest = state.lineItems()
			.stream()
			.filter((item) -> item.expiryTime() != null)
			.max(Comparator.comparing(LineItem::expiryTime))
			.orElse(new LineItem(null, null));
		StorePurchase purchase = new StorePurchase(STORE, merchant, state.obfuscatedExternalAccountId(),
				latest.productId(), purchaseId(purchaseToken), latest.expiryTime(), refunded || !state.entitling(),
				(state.linkedPurchaseToken() != null) ? purchaseId(state.linkedPurchaseToken()) : null,
				!state.testPurchase());
		Outcome outcome = this.purchases.apply(messageId, type, purchase, app.products(), this.clock.instant());
		log.info("Google Play notification {} {} for merchant {}: {} ({})", messageId, type, merchant, outcome,
				state.subscriptionState());
		return outcome;
	}

	private SubscriptionPurchase confirmed(GooglePlayProperties.App app, String purchaseToken) {
		try {
			return this.api.subscription(app.packageName(), purchaseToken);
		}
		catch (PlayDeveloperApi.Unavailable ex) {
			// not acknowledged: Pub/Sub pushes the notification again
			log.warn("Play Developer API lookup failed: {}", ex.getMessage());
			throw new ApiException(CommonError.SERVICE_UNAVAILABLE, "Google Play could not be asked; retry later");
		}
	}

	private JsonNode decode(String data) {
		if (data == null) {
			throw ApiException.invalid("message.data", "The push carries no data");
		}
		try {
			return this.json.readTree(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw ApiException.invalid("message.data", "The push's data is not a base64 developer notification");
		}
	}

	private static String notificationKind(JsonNode notification) {
		if (notification.path("testNotification").isObject()) {
			return "test";
		}
		if (notification.path("oneTimeProductNotification").isObject()) {
			return "one_time_product";
		}
		return "other";
	}

	/**
	 * A purchase token lets whoever holds it (with API access) read the purchase, so only
	 * its digest is kept as the entitlement's source id.
	 */
	static String purchaseId(String purchaseToken) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(purchaseToken.getBytes(StandardCharsets.UTF_8));
			return "gp_" + HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
