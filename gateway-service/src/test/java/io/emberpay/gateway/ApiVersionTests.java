package io.emberpay.gateway;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiVersionTests extends GatewayTestSupport {

	private static final String CURRENT = "2026-12-01";

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

}
