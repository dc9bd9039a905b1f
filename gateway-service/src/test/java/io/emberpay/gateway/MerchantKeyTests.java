package io.emberpay.gateway;

import java.util.UUID;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchant's secret key is exchanged at auth-service and never travels past the edge.
 */
class MerchantKeyTests extends GatewayTestSupport {

	private static final String VERIFY = "/internal/v1/api_keys/verify";

	@Test
	void forwardsTheMerchantTokenInPlaceOfTheSecretKey() {
		ApiClient.Response response = anonymous().withToken(MERCHANT_KEY).get("/v1/balance");

		assertThat(response.status()).isEqualTo(200);
		String forwardedToken = forwarded(response).path("authorization").asString();
		assertThat(forwardedToken).startsWith("Bearer ey").doesNotContain(MERCHANT_KEY);
		assertThat(response.body()).doesNotContain(MERCHANT_KEY);
	}

	@Test
	void asksAuthServiceOnceForRepeatedRequestsWithOneKey() {
		anonymous().withToken(MERCHANT_KEY).get("/v1/events");
		int before = AUTH.hits(VERIFY);

		for (int i = 0; i < 5; i++) {
			assertThat(anonymous().withToken(MERCHANT_KEY).get("/v1/events").status()).isEqualTo(200);
		}

		assertThat(AUTH.hits(VERIFY)).isEqualTo(before);
	}

	@Test
	void refusesAnUnknownKeyAndRemembersTheRefusalBriefly() {
		String unknown = "sk_live_" + UUID.randomUUID().toString().replace("-", "");
		int before = AUTH.hits(VERIFY);

		ApiClient.Response first = anonymous().withToken(unknown).get("/v1/balance");
		ApiClient.Response second = anonymous().withToken(unknown).get("/v1/balance");

		assertThat(first.status()).isEqualTo(401);
		assertThat(first.text("code")).isEqualTo("unauthenticated");
		assertThat(second.status()).isEqualTo(401);
		assertThat(AUTH.hits(VERIFY)).isEqualTo(before + 1);
	}

	@Test
	void treatsAMerchantTokenSentDirectlyLikeAnyOtherToken() {
		ApiClient.Response response = anonymous().withToken(TestTokens.get().merchant("mer_direct")).get("/v1/balance");

		assertThat(response.status()).isEqualTo(200);
	}

}
