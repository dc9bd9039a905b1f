package io.emberpay.subscription.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.emberpay.subscription.support.AppleTestChain;
import io.emberpay.subscription.support.FakeAppStore;
import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.emberpay.subscription.support.StoreFakesConfiguration.APP_STORE_MERCHANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * App Store Server Notifications V2 signed under a test chain whose root is the
 * configured trusted root, confirmed through the local App Store Server API fake.
 */
@SubscriptionTest
class AppStoreNotificationsTests extends SubscriptionApi {

	private static final String PREMIUM = "io.emberpay.tests.premium.monthly";

	private final FakeAppStore apple = FakeAppStore.get();

	@Test
	void aSignedDidRenewGrantsTheTierUntilTheTransactionExpires() {
		String user = newUser();
		Instant expires = this.clock.instant()
			.plus(Duration.ofDays(30))
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		String original = purchase(user, expires, null);

		ApiClient.Response response = notify(this.apple.chain(), "DID_RENEW", null, original);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("granted");
		JsonNode entitlement = entitlements(user).get(0);
		assertThat(entitlement.path("merchant").asString()).isEqualTo(APP_STORE_MERCHANT);
		assertThat(entitlement.path("tier").asString()).isEqualTo("premium");
		assertThat(entitlement.path("source").asString()).isEqualTo("app_store");
		assertThat(Instant.parse(entitlement.path("expires_at").asString())).isEqualTo(expires);
		assertThat(entitlement.path("livemode").asBoolean()).as("Apple's Sandbox is test mode").isFalse();
	}

	@Test
	void aRefundRevokesTheTier() {
		String user = newUser();
		String original = purchase(user, this.clock.instant().plus(Duration.ofDays(30)), null);
		assertThat(notify(this.apple.chain(), "SUBSCRIBED", "INITIAL_BUY", original).text("outcome"))
			.isEqualTo("granted");
		assertThat(entitlements(user)).hasSize(1);
		// Apple refunded the transaction: its lookup now shows the revocation
		purchase(user, original, this.clock.instant().plus(Duration.ofDays(30)), this.clock.instant());

		ApiClient.Response refund = notify(this.apple.chain(), "REFUND", null, original);

		assertThat(refund.status()).as(refund.body()).isEqualTo(200);
		assertThat(refund.text("outcome")).isEqualTo("revoked");
		assertThat(entitlements(user)).isEmpty();
	}

	@Test
	void aPayloadSignedByAnUntrustedChainChangesNothing() {
		String user = newUser();
		String original = purchase(user, this.clock.instant().plus(Duration.ofDays(30)), null);
		AppleTestChain impostor = new AppleTestChain("Impostor");
		int lookups = this.apple.lookups();

		ApiClient.Response response = notify(impostor, "DID_RENEW", null, original);

		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.text("code")).isEqualTo("store_notification_unverified");
		assertThat(entitlements(user)).isEmpty();
		assertThat(this.apple.lookups()).as("nothing in it was acted on").isEqualTo(lookups);
	}

	@Test
	void aPayloadWhoseSignatureDoesNotMatchIsRefused() {
		String user = newUser();
		String original = purchase(user, this.clock.instant().plus(Duration.ofDays(30)), null);
		String tampered = this.apple.chain()
			.tampered(notificationClaims("DID_RENEW", null, UUID.randomUUID().toString(), this.apple.chain()
				.sign(transaction(user, original, original, Instant.now().plusSeconds(3600), null))));

		ApiClient.Response response = post(Map.of("signedPayload", tampered));

		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(entitlements(user)).isEmpty();
	}

	@Test
	void aRevocationArrivingTwiceOrAGrantReplayedAfterItChangesNothing() {
		String user = newUser();
		String original = purchase(user, this.clock.instant().plus(Duration.ofDays(30)), null);
		String renewal = this.apple.chain()
			.sign(notificationClaims("DID_RENEW", null, UUID.randomUUID().toString(), this.apple.chain()
				.sign(transaction(user, original, original, this.clock.instant().plus(Duration.ofDays(30)), null))));
		assertThat(post(Map.of("signedPayload", renewal)).text("outcome")).isEqualTo("granted");
		purchase(user, original, this.clock.instant().plus(Duration.ofDays(30)), this.clock.instant());
		assertThat(notify(this.apple.chain(), "REVOKE", null, original).text("outcome")).isEqualTo("revoked");

		ApiClient.Response replayed = post(Map.of("signedPayload", renewal));

		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.text("outcome")).isEqualTo("duplicate");
		assertThat(entitlements(user)).isEmpty();
	}

	@Test
	void aPurchaseWithAnAccountTokenTheMerchantNeverIssuedGrantsNothing() {
		String stranger = UUID.randomUUID().toString();
		String original = "2000000" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000000L);
		this.apple.transaction(transactionWithToken(stranger, original, original,
				this.clock.instant().plus(Duration.ofDays(30)), null));

		ApiClient.Response response = notify(this.apple.chain(), "SUBSCRIBED", "INITIAL_BUY", original);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("unknown_account");
	}

	@Test
	void aMerchantWithoutAnAppStoreAppIsNotFound() {
		ApiClient.Response response = new ApiClient("http://localhost:" + this.port)
			.post("/v1/app_store/notifications/mer_noapp", Map.of("signedPayload", "x.y.z"));

		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void garbageInsteadOfAJwsIsRefusedNotAnError() {
		ApiClient.Response response = post(Map.of("signedPayload", "not-a-jws"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text("param")).isEqualTo("signedPayload");
	}

	/**
	 * The user's purchase as the App Store knows it; answers its original transaction id.
	 */
	private String purchase(String user, Instant expires, Instant revoked) {
		String original = "2000000" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000000L);
		purchase(user, original, expires, revoked);
		return original;
	}

	private void purchase(String user, String original, Instant expires, Instant revoked) {
		this.apple.transaction(transaction(user, original, original, expires, revoked));
	}

	private Map<String, Object> transaction(String user, String transactionId, String original, Instant expires,
			Instant revoked) {
		ApiClient.Response token = as(user).post("/v1/app_account_tokens", Map.of("merchant", APP_STORE_MERCHANT));
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		return transactionWithToken(token.text("token"), transactionId, original, expires, revoked);
	}

	private Map<String, Object> transactionWithToken(String appAccountToken, String transactionId, String original,
			Instant expires, Instant revoked) {
		long now = Instant.now().toEpochMilli();
		Map<String, Object> claims = new HashMap<>();
		claims.put("transactionId", transactionId);
		claims.put("originalTransactionId", original);
		claims.put("bundleId", FakeAppStore.BUNDLE_ID);
		claims.put("productId", PREMIUM);
		claims.put("subscriptionGroupIdentifier", "21000000");
		claims.put("purchaseDate", now);
		claims.put("originalPurchaseDate", now);
		claims.put("expiresDate", expires.toEpochMilli());
		claims.put("quantity", 1);
		claims.put("type", "Auto-Renewable Subscription");
		claims.put("appAccountToken", appAccountToken);
		claims.put("inAppOwnershipType", "PURCHASED");
		claims.put("signedDate", now);
		claims.put("environment", "Sandbox");
		claims.put("transactionReason", "PURCHASE");
		claims.put("storefront", "USA");
		claims.put("storefrontId", "143441");
		claims.put("price", 9990);
		claims.put("currency", "USD");
		if (revoked != null) {
			claims.put("revocationDate", revoked.toEpochMilli());
			claims.put("revocationReason", 0);
		}
		return claims;
	}

	private ApiClient.Response notify(AppleTestChain chain, String type, String subtype, String original) {
		Map<String, Object> transaction = transactionWithToken("00000000-0000-0000-0000-000000000000", original,
				original, Instant.now().plusSeconds(3600), null);
		return post(Map.of("signedPayload",
				chain.sign(notificationClaims(type, subtype, UUID.randomUUID().toString(), chain.sign(transaction)))));
	}

	private static Map<String, Object> notificationClaims(String type, String subtype, String uuid,
			String signedTransaction) {
		Map<String, Object> data = new HashMap<>();
		data.put("appAppleId", 1234567890L);
		data.put("bundleId", FakeAppStore.BUNDLE_ID);
		data.put("bundleVersion", "1");
		data.put("environment", "Sandbox");
		data.put("signedTransactionInfo", signedTransaction);
		data.put("status", 1);
		Map<String, Object> claims = new HashMap<>();
		claims.put("notificationType", type);
		if (subtype != null) {
			claims.put("subtype", subtype);
		}
		claims.put("notificationUUID", uuid);
		claims.put("version", "2.0");
		claims.put("signedDate", Instant.now().toEpochMilli());
		claims.put("data", data);
		return claims;
	}

	private ApiClient.Response post(Map<String, Object> body) {
		return new ApiClient("http://localhost:" + this.port).post("/v1/app_store/notifications/" + APP_STORE_MERCHANT,
				body);
	}

	private JsonNode entitlements(String user) {
		ApiClient.Response response = withoutKey(user).get("/v1/users/me/entitlements");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().path("data");
	}

}
