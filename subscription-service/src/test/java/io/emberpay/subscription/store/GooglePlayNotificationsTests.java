package io.emberpay.subscription.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.emberpay.subscription.support.FakeGooglePlay;
import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.emberpay.subscription.support.StoreFakesConfiguration.GOOGLE_PLAY_MERCHANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-time developer notifications as Pub/Sub pushes them (an OIDC bearer token and a
 * base64 developer notification), confirmed through the local Play Developer API fake.
 */
@SubscriptionTest
class GooglePlayNotificationsTests extends SubscriptionApi {

	private final FakeGooglePlay google = FakeGooglePlay.get();

	@Test
	void aRenewedSubscriptionGrantsTheTierUntilItsExpiryTime() {
		String user = newUser();
		Instant expiry = this.clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
		String token = purchase(user, "SUBSCRIPTION_STATE_ACTIVE", expiry);

		ApiClient.Response response = push(googleToken(), subscriptionNotification(token, 2));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("granted");
		JsonNode entitlement = entitlements(user).get(0);
		assertThat(entitlement.path("tier").asString()).isEqualTo("premium");
		assertThat(entitlement.path("source").asString()).isEqualTo("google_play");
		assertThat(Instant.parse(entitlement.path("expires_at").asString())).isEqualTo(expiry);
	}

	@Test
	void aTestPurchaseEntitlesInTestModeAndAProductionPurchaseInLiveMode() {
		String tester = newUser();
		String customer = newUser();
		Instant expiry = this.clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
		String testToken = purchase(tester, "SUBSCRIPTION_STATE_ACTIVE", expiry);
		String liveToken = "gp-token." + UUID.randomUUID();
		this.google.purchase(liveToken,
				productionPurchaseJson(tokenFor(customer), "SUBSCRIPTION_STATE_ACTIVE", expiry));

		assertThat(push(googleToken(), subscriptionNotification(testToken, 4)).text("outcome")).isEqualTo("granted");
		assertThat(push(googleToken(), subscriptionNotification(liveToken, 4)).text("outcome")).isEqualTo("granted");

		JsonNode test = entitlements(tester).get(0);
		assertThat(test.path("livemode").asBoolean()).as("a test purchase is test mode").isFalse();
		JsonNode live = entitlements(customer).get(0);
		assertThat(live.path("livemode").asBoolean()).as("a production purchase is live mode, and its user sees it")
			.isTrue();
	}

	@Test
	void aRevokedSubscriptionRevokesTheTier() {
		String user = newUser();
		String token = purchase(user, "SUBSCRIPTION_STATE_ACTIVE", this.clock.instant().plus(Duration.ofDays(30)));
		assertThat(push(googleToken(), subscriptionNotification(token, 4)).text("outcome")).isEqualTo("granted");
		this.google.purchase(token, purchaseJson(tokenFor(user), "SUBSCRIPTION_STATE_EXPIRED", this.clock.instant()));

		ApiClient.Response response = push(googleToken(), subscriptionNotification(token, 12));

		assertThat(response.text("outcome")).isEqualTo("revoked");
		assertThat(entitlements(user)).isEmpty();
	}

	@Test
	void aVoidedPurchaseRevokesTheTierWhateverTheSubscriptionState() {
		String user = newUser();
		String token = purchase(user, "SUBSCRIPTION_STATE_ACTIVE", this.clock.instant().plus(Duration.ofDays(30)));
		push(googleToken(), subscriptionNotification(token, 1));

		ApiClient.Response response = push(googleToken(), """
				{"version":"1.0","packageName":"%s","eventTimeMillis":"%d",
				 "voidedPurchaseNotification":{"purchaseToken":"%s","orderId":"GPA.3333-4444-5555-66666",
				 "productType":1,"refundType":1}}""".formatted(FakeGooglePlay.PACKAGE_NAME, System.currentTimeMillis(),
				token));

		assertThat(response.text("outcome")).isEqualTo("revoked");
		assertThat(entitlements(user)).isEmpty();
	}

	@Test
	void anUpgradeEndsThePurchaseItReplaced() {
		String user = newUser();
		String monthly = purchase(user, "SUBSCRIPTION_STATE_ACTIVE", this.clock.instant().plus(Duration.ofDays(30)));
		push(googleToken(), subscriptionNotification(monthly, 4));
		String upgraded = "gp-token." + UUID.randomUUID();
		Instant expiry = this.clock.instant().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS);
		this.google.purchase(upgraded, purchaseJson(tokenFor(user), "SUBSCRIPTION_STATE_ACTIVE", expiry)
			.replace("\"startTime\"", "\"linkedPurchaseToken\":\"" + monthly + "\",\"startTime\""));

		ApiClient.Response response = push(googleToken(), subscriptionNotification(upgraded, 4));

		assertThat(response.text("outcome")).isEqualTo("granted");
		JsonNode entitlements = entitlements(user);
		assertThat(entitlements).as("the replaced purchase entitles no more").hasSize(1);
		assertThat(Instant.parse(entitlements.get(0).path("expires_at").asString())).isEqualTo(expiry);
	}

	@Test
	void aPushWithoutGooglesTokenChangesNothing() {
		String user = newUser();
		String token = purchase(user, "SUBSCRIPTION_STATE_ACTIVE", this.clock.instant().plus(Duration.ofDays(30)));
		String notification = subscriptionNotification(token, 2);

		ApiClient.Response forged = push(FakeGooglePlay.forgedPushToken(FakeGooglePlay.PUSH_AUDIENCE, Instant.now()),
				notification);
		ApiClient.Response otherAudience = push(this.google.pushToken("https://elsewhere.example/push", Instant.now()),
				notification);
		ApiClient.Response none = push(null, notification);

		assertThat(forged.status()).as(forged.body()).isEqualTo(401);
		assertThat(forged.text("code")).isEqualTo("store_notification_unverified");
		assertThat(otherAudience.status()).isEqualTo(401);
		assertThat(none.status()).isEqualTo(401);
		assertThat(entitlements(user)).isEmpty();
	}

	@Test
	void theSameMessageDeliveredTwiceIsAppliedOnce() {
		String user = newUser();
		String token = purchase(user, "SUBSCRIPTION_STATE_ACTIVE", this.clock.instant().plus(Duration.ofDays(30)));
		String messageId = String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits()));
		ApiClient.Response first = push(googleToken(), messageId, subscriptionNotification(token, 2));
		this.google.purchase(token, purchaseJson(tokenFor(user), "SUBSCRIPTION_STATE_EXPIRED", this.clock.instant()));

		ApiClient.Response again = push(googleToken(), messageId, subscriptionNotification(token, 2));

		assertThat(first.text("outcome")).isEqualTo("granted");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.text("outcome")).isEqualTo("duplicate");
		assertThat(entitlements(user)).hasSize(1);
	}

	@Test
	void dataThatIsNotADeveloperNotificationIsA400() {
		Map<String, Object> envelope = Map.of("message",
				Map.of("data", "%%%not-base64", "messageId", "123", "publishTime", Instant.now().toString()),
				"subscription", "projects/p/subscriptions/s");

		ApiClient.Response response = new ApiClient("http://localhost:" + this.port)
			.withHeader("Authorization", "Bearer " + googleToken())
			.post("/v1/google_play/notifications/" + GOOGLE_PLAY_MERCHANT, envelope);

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("message.data");
	}

	private String purchase(String user, String state, Instant expiry) {
		String token = "gp-token." + UUID.randomUUID();
		this.google.purchase(token, purchaseJson(tokenFor(user), state, expiry));
		return token;
	}

	private String tokenFor(String user) {
		ApiClient.Response token = as(user).post("/v1/app_account_tokens", Map.of("merchant", GOOGLE_PLAY_MERCHANT));
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		return token.text("token");
	}

	/** A license tester's purchase, as an app in development makes: test mode. */
	private static String purchaseJson(String accountToken, String state, Instant expiry) {
		return productionPurchaseJson(accountToken, state, expiry).replace("\"regionCode\"",
				"\"testPurchase\":{},\"regionCode\"");
	}

	/** A real customer's purchase: live mode. */
	private static String productionPurchaseJson(String accountToken, String state, Instant expiry) {
		return """
				{"kind":"androidpublisher#subscriptionPurchaseV2","regionCode":"US",
				 "lineItems":[{"productId":"premium_monthly","expiryTime":"%s",
				   "autoRenewingPlan":{"autoRenewEnabled":true},"offerDetails":{"basePlanId":"monthly"}}],
				 "startTime":"%s","subscriptionState":"%s","latestOrderId":"GPA.1234-5678-9012-34567",
				 "acknowledgementState":"ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED",
				 "externalAccountIdentifiers":{"obfuscatedExternalAccountId":"%s"}}""".formatted(expiry.toString(),
				Instant.now().toString(), state, accountToken);
	}

	private static String subscriptionNotification(String purchaseToken, int type) {
		return """
				{"version":"1.0","packageName":"%s","eventTimeMillis":"%d",
				 "subscriptionNotification":{"version":"1.0","notificationType":%d,"purchaseToken":"%s",
				 "subscriptionId":"premium_monthly"}}""".formatted(FakeGooglePlay.PACKAGE_NAME,
				System.currentTimeMillis(), type, purchaseToken);
	}

	private String googleToken() {
		return this.google.pushToken(FakeGooglePlay.PUSH_AUDIENCE, Instant.now());
	}

	private ApiClient.Response push(String bearer, String notification) {
		return push(bearer, String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits())), notification);
	}

	private ApiClient.Response push(String bearer, String messageId, String notification) {
		ApiClient api = new ApiClient("http://localhost:" + this.port);
		if (bearer != null) {
			api = api.withHeader("Authorization", "Bearer " + bearer);
		}
		return api.post("/v1/google_play/notifications/" + GOOGLE_PLAY_MERCHANT,
				FakeGooglePlay.pushEnvelope(messageId, notification));
	}

	private JsonNode entitlements(String user) {
		ApiClient.Response response = withoutKey(user).get("/v1/users/me/entitlements");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().path("data");
	}

}
