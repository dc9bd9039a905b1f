package io.emberpay.gateway;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiVersionTests extends GatewayTestSupport {

	private static final String CURRENT = "2026-12-07";

	private static final String FIRST = "2026-12-01";

	static {
		PAYMENT.answer("/v1/payments/pay_shaped", exchange -> StubService.Answer.json(200, """
				{"id": "pay_shaped", "object": "payment", "amount": 1250, "risk": {"score": 12, "decision": "allow"}}
				"""));
		// only this class's list request (limit=1) is shaped: other classes read the echo
		// of /v1/payments
		PAYMENT.answer("/v1/payments",
				exchange -> "limit=1".equals(exchange.getRequestURI().getQuery()) ? StubService.Answer.json(200, """
						{"object": "list", "data": [{"id": "pay_listed", "object": "payment", "risk": {"score": 3}}],
						 "has_more": false}
						""") : null);
	}

	@Test
	void aRequestWithoutAVersionGetsTheCurrentOneAnsweredAndForwarded() {
		ApiClient.Response response = freshUser().get("/v1/users/me");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Emberpay-Version")).isEqualTo(CURRENT);
		assertThat(forwarded(response).path("emberpay-version").asString()).isEqualTo(CURRENT);
	}

	@Test
	void aKnownVersionIsKept() {
		ApiClient.Response response = freshUser().withHeader("Emberpay-Version", CURRENT).get("/v1/payments/pay_v1");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Emberpay-Version")).isEqualTo(CURRENT);
		assertThat(forwarded(response).path("emberpay-version").asString()).isEqualTo(CURRENT);
	}

	@Test
	void anUnknownOrMalformedVersionIsABadRequestProblemThatReachesNoService() {
		for (String version : new String[] { "2019-01-01", "latest", "2026-12-01; drop table" }) {
			ApiClient.Response response = freshUser().withHeader("Emberpay-Version", version)
				.get("/v1/payments/pay_unknown_version");

			assertThat(response.status()).as(version).isEqualTo(400);
			assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(response.text("code")).isEqualTo("invalid_request");
			assertThat(response.text("detail")).contains("Emberpay-Version", CURRENT);
		}
		assertThat(PAYMENT.hits("/v1/payments/pay_unknown_version")).isZero();
	}

	@Test
	void pathsOutsideTheApiIgnoreTheHeader() {
		ApiClient.Response response = anonymous().withHeader("Emberpay-Version", "1999-01-01").get("/errors/not_found");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Emberpay-Version")).isNull();
	}

	@Test
	void aPinnedMerchantsRequestWithoutAVersionRunsInThePinnedOne() {
		ApiClient.Response pinned = anonymous().withToken(PINNED_MERCHANT_KEY).get("/v1/balance");
		ApiClient.Response named = anonymous().withToken(PINNED_MERCHANT_KEY)
			.withHeader("Emberpay-Version", CURRENT)
			.get("/v1/balance");
		ApiClient.Response unpinned = anonymous().withToken(MERCHANT_KEY).get("/v1/balance");

		assertThat(pinned.header("Emberpay-Version")).isEqualTo(FIRST);
		assertThat(forwarded(pinned).path("emberpay-version").asString()).isEqualTo(FIRST);
		assertThat(named.header("Emberpay-Version")).as("the header overrides the pin").isEqualTo(CURRENT);
		assertThat(forwarded(named).path("emberpay-version").asString()).isEqualTo(CURRENT);
		assertThat(unpinned.header("Emberpay-Version")).isEqualTo(CURRENT);
	}

	@Test
	void anOldVersionGetsThePaymentInItsOldShape() {
		ApiClient.Response old = freshUser().withHeader("Emberpay-Version", FIRST).get("/v1/payments/pay_shaped");
		ApiClient.Response current = freshUser().get("/v1/payments/pay_shaped");
		ApiClient.Response oldList = anonymous().withToken(PINNED_MERCHANT_KEY).get("/v1/payments?limit=1");

		assertThat(old.status()).isEqualTo(200);
		assertThat(old.json().has("risk")).isFalse();
		assertThat(old.json().path("fraud").path("score").asInt()).isEqualTo(12);
		assertThat(old.json().path("amount").asInt()).isEqualTo(1250);
		assertThat(current.json().path("risk").path("score").asInt()).isEqualTo(12);
		assertThat(current.json().has("fraud")).isFalse();
		assertThat(oldList.json().path("data").get(0).path("fraud").path("score").asInt()).isEqualTo(3);
		assertThat(oldList.json().path("data").get(0).has("risk")).isFalse();
	}

	@Test
	void anOldVersionIsAnsweredWithItsDeprecationAndSunset() {
		ApiClient.Response old = freshUser().withHeader("Emberpay-Version", FIRST).get("/v1/users/me");
		ApiClient.Response current = freshUser().get("/v1/users/me");

		assertThat(old.header("Deprecation")).isEqualTo("@1796601600");
		assertThat(old.header("Sunset")).isEqualTo("Wed, 30 Jun 2027 00:00:00 GMT");
		assertThat(current.header("Deprecation")).isNull();
		assertThat(current.header("Sunset")).isNull();
	}

}
