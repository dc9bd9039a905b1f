package io.emberpay.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merchant sign-up, key verification for the gateway, live approval, key roll and revoke.
 */
@AuthServiceTest
class MerchantTests extends AuthApi {

	@Test
	void selfServeSignUpAnswersATestKeyThatVerifiesToAMerchantToken() throws Exception {
		String email = uniqueEmail();
		ApiClient.Response created = api().post("/v1/merchants", Map.of("name", "Corner Shop", "email", email));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String merchant = created.text("id");
		String key = created.text("api_key");
		assertThat(merchant).startsWith("mer_");
		assertThat(key).startsWith("sk_test_").hasSizeGreaterThan(40);

		ApiClient.Response verified = verifyKey(key);
		assertThat(verified.status()).isEqualTo(200);
		assertThat(verified.text("merchant")).isEqualTo(merchant);
		assertThat(verified.text("key_id")).startsWith("key_");
		assertThat(verified.json().get("livemode").asBoolean()).isFalse();
		assertThat(verified.json().get("expires_in").asLong()).isEqualTo(300);
		var claims = SignedJWT.parse(verified.text("access_token")).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(merchant);
		assertThat(claims.getStringListClaim("roles")).containsExactly("merchant");
		assertThat(claims.getStringListClaim("amr")).containsExactly("api_key");
		assertThat(claims.getBooleanClaim("livemode")).isFalse();

		ApiClient.Response internal = asService("payment-service").get("/internal/v1/merchants/" + merchant);
		assertThat(internal.status()).isEqualTo(200);
		assertThat(internal.text("status")).isEqualTo("active");
		assertThat(internal.json().get("live_enabled").asBoolean()).isFalse();
		assertThat(internal.text("email")).isEqualTo(email);
		assertThat(asService("payment-service").get("/internal/v1/merchants/mer_unknown").status()).isEqualTo(404);
	}

	@Test
	void unknownMalformedAndOtherPrefixKeysAreRefused() {
		for (String key : List.of("sk_test_" + "A".repeat(43), "sk_live_nope", "pk_test_abc", "x".repeat(500), "")) {
			ApiClient.Response response = verifyKey(key);
			assertThat(response.status()).as(key).isEqualTo(401);
			assertThat(response.text("code")).isEqualTo("invalid_api_key");
		}
	}

	@Test
	void keysAreListedWithoutSecretsAndRevokedKeysStopWorking() {
		Merchant merchant = signUpMerchant();
		ApiClient client = api().withToken(merchant.token());
		ApiClient.Response second = client.post(keys(merchant), Map.of("mode", "test"));
		assertThat(second.status()).as(second.body()).isEqualTo(201);
		String secondKey = second.text("secret");
		assertThat(verifyKey(secondKey).status()).as("two keys active at once").isEqualTo(200);

		ApiClient.Response list = client.get(keys(merchant));
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().get("data").size()).isEqualTo(2);
		assertThat(list.body()).doesNotContain(merchant.key()).doesNotContain(secondKey);

		ApiClient.Response revoked = client.post(keys(merchant) + "/" + second.text("id") + "/revoke", null);
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.text("revoked_at")).isNotNull();
		assertThat(verifyKey(secondKey).status()).isEqualTo(401);
		assertThat(verifyKey(merchant.key()).status()).isEqualTo(200);
	}

	@Test
	void rollingAKeyKeepsTheOldOneForItsGracePeriodOnly() {
		Merchant merchant = signUpMerchant();
		ApiClient client = api().withToken(merchant.token());
		String keyId = verifyKey(merchant.key()).text("key_id");
		ApiClient.Response graceful = client.post(keys(merchant) + "/" + keyId + "/roll",
				Map.of("expires_in_seconds", 600));
		assertThat(graceful.status()).as(graceful.body()).isEqualTo(201);
		assertThat(verifyKey(graceful.text("secret")).status()).isEqualTo(200);
		assertThat(verifyKey(merchant.key()).status()).isEqualTo(200);

		ApiClient.Response immediate = client.post(keys(merchant) + "/" + keyId + "/roll",
				Map.of("expires_in_seconds", 0));
		assertThat(immediate.status()).isEqualTo(201);
		assertThat(verifyKey(merchant.key()).status()).isEqualTo(401);
	}

	@Test
	void anotherMerchantsKeyIsNotFound() {
		Merchant mine = signUpMerchant();
		Merchant theirs = signUpMerchant();
		String theirKeyId = verifyKey(theirs.key()).text("key_id");
		ApiClient client = api().withToken(mine.token());
		assertThat(client.post(keys(mine) + "/" + theirKeyId + "/revoke", null).status()).isEqualTo(404);
		assertThat(client.post(keys(mine) + "/" + theirKeyId + "/roll", null).status()).isEqualTo(404);
		assertThat(client.get(keys(theirs)).status()).isEqualTo(404);
		assertThat(client.post(keys(theirs), Map.of("mode", "test")).status()).isEqualTo(404);
		assertThat(client.post(keys(theirs) + "/" + theirKeyId + "/revoke", null).status()).isEqualTo(404);
		assertThat(client.get("/v1/merchants/" + theirs.id()).status()).isEqualTo(404);
		assertThat(client.get("/v1/merchants/" + mine.id()).status()).isEqualTo(200);
		assertThat(verifyKey(theirs.key()).status()).isEqualTo(200);
	}

	@Test
	void liveModeNeedsAnOperatorWithMfa() throws Exception {
		Merchant merchant = signUpMerchant();
		ApiClient client = api().withToken(merchant.token());
		ApiClient.Response selfServe = client.post(keys(merchant), Map.of("mode", "live"));
		assertThat(selfServe.status()).isEqualTo(403);
		assertThat(selfServe.text("code")).isEqualTo("live_mode_not_enabled");

		String operatorWithoutMfa = TestTokens.get()
			.sign("usr_op", List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5));
		assertThat(api().withToken(operatorWithoutMfa)
			.post("/v1/merchants/" + merchant.id() + "/live_approval", null)
			.status()).isEqualTo(403);
		assertThat(client.post("/v1/merchants/" + merchant.id() + "/live_approval", null).status()).isEqualTo(403);

		ApiClient operator = api().withToken(TestTokens.get().operator("usr_operator"));
		ApiClient.Response early = operator.post("/v1/merchants/" + merchant.id() + "/api_keys",
				Map.of("mode", "live"));
		assertThat(early.status()).isEqualTo(403);
		assertThat(early.text("code")).isEqualTo("live_mode_not_enabled");

		ApiClient.Response approved = operator.post("/v1/merchants/" + merchant.id() + "/live_approval", null);
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		assertThat(approved.json().get("live_enabled").asBoolean()).isTrue();
		ApiClient.Response withTestKey = client.post(keys(merchant), Map.of("mode", "live"));
		assertThat(withTestKey.status()).isEqualTo(403);
		assertThat(withTestKey.text("code")).as("a test key never mints live keys").isEqualTo("live_key_required");
		ApiClient.Response live = operator.post(keys(merchant), Map.of("mode", "live"));
		assertThat(live.status()).as(live.body()).isEqualTo(201);
		assertThat(live.text("secret")).startsWith("sk_live_");

		ApiClient.Response verified = verifyKey(live.text("secret"));
		assertThat(verified.status()).isEqualTo(200);
		assertThat(verified.json().get("livemode").asBoolean()).isTrue();
		assertThat(SignedJWT.parse(verified.text("access_token")).getJWTClaimsSet().getBooleanClaim("livemode"))
			.isTrue();
		ApiClient liveClient = api().withToken(verified.text("access_token"));
		assertThat(liveClient.post(keys(merchant), Map.of("mode", "live")).status()).isEqualTo(201);
		assertThat(client.post(keys(merchant) + "/" + verified.text("key_id") + "/revoke", null).status())
			.as("a test credential cannot revoke live keys")
			.isEqualTo(403);
	}

	@Test
	void badModeIsRefused() {
		Merchant merchant = signUpMerchant();
		ApiClient.Response response = api().withToken(merchant.token()).post(keys(merchant), Map.of("mode", "prod"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("mode");
	}

	@Test
	void usersCannotSeeMerchantKeys() {
		Merchant merchant = signUpMerchant();
		assertThat(api().withToken(TestTokens.get().user("usr_someone")).get(keys(merchant)).status()).isEqualTo(404);
	}

	@Test
	void suspendedMerchantsKeysStopVerifying() {
		Merchant merchant = signUpMerchant();
		ApiClient.Response suspended = api().withToken(TestTokens.get().operator("usr_operator"))
			.post("/v1/merchants/" + merchant.id() + "/suspend", null);
		assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
		assertThat(suspended.text("status")).isEqualTo("suspended");
		assertThat(verifyKey(merchant.key()).status()).isEqualTo(401);
		assertThat(asService("payment-service").get("/internal/v1/merchants/" + merchant.id()).text("status"))
			.isEqualTo("suspended");
	}

	@Test
	void theVersionASignUpRanInIsPinnedForTheMerchantsKeys() {
		ApiClient.Response pinned = api().withHeader("Emberpay-Version", "2026-12-01")
			.post("/v1/merchants", Map.of("name", "Pinned Shop", "email", uniqueEmail()));
		ApiClient.Response unversioned = api().post("/v1/merchants",
				Map.of("name", "Direct Shop", "email", uniqueEmail()));
		ApiClient.Response garbage = api().withHeader("Emberpay-Version", "yesterday")
			.post("/v1/merchants", Map.of("name", "Odd Shop", "email", uniqueEmail()));

		assertThat(verifyKey(pinned.text("api_key")).text("api_version")).isEqualTo("2026-12-01");
		assertThat(verifyKey(unversioned.text("api_key")).json().has("api_version")).isFalse();
		assertThat(garbage.status()).isEqualTo(201);
		assertThat(verifyKey(garbage.text("api_key")).json().has("api_version")).isFalse();
	}

	private static String keys(Merchant merchant) {
		return "/v1/merchants/" + merchant.id() + "/api_keys";
	}

	private Merchant signUpMerchant() {
		ApiClient.Response created = api().post("/v1/merchants", Map.of("name", "Shop", "email", uniqueEmail()));
		assertThat(created.status()).isEqualTo(201);
		String key = created.text("api_key");
		return new Merchant(created.text("id"), key, verifyKey(key).text("access_token"));
	}

	private ApiClient.Response verifyKey(String key) {
		return asService("gateway").post("/internal/v1/api_keys/verify", Map.of("api_key", key));
	}

	private record Merchant(String id, String key, String token) {
	}

}
