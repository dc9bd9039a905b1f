package io.emberpay.gateway;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits and body size limits answer problems before a service is bothered. */
class EdgeLimitsTests extends GatewayTestSupport {

	private static final int ONE_MIB = 1024 * 1024;

	@Test
	void limitsEachAccountWithRetryAfterAndRateLimitHeaders() {
		ApiClient user = freshUser();
		ApiClient.Response last = null;
		for (int i = 0; i < 20; i++) {
			last = user.get("/v1/payments");
			assertThat(last.status()).isEqualTo(200);
		}
		assertThat(last.header("RateLimit-Limit")).isEqualTo("20");
		assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");

		ApiClient.Response limited = user.get("/v1/payments");

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(limited.text("code")).isEqualTo("rate_limited");
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
		assertThat(limited.header("RateLimit-Limit")).isEqualTo("20");
		assertThat(freshUser().get("/v1/payments").status()).isEqualTo(200);
	}

	@Test
	void limitsLoginAndPasswordAttemptsPerAddressMoreTightly() {
		int before = AUTH.hits("/v1/auth/login");
		int limited = 0;
		for (int i = 0; i < 5; i++) {
			ApiClient.Response response = anonymous().post("/v1/auth/login",
					Map.of("email", "a@example.com", "password", "guess-" + i));
			if (response.status() == 429) {
				limited++;
				assertThat(response.header("Retry-After")).isNotBlank();
			}
		}

		assertThat(limited).isEqualTo(2);
		assertThat(AUTH.hits("/v1/auth/login")).isEqualTo(before + 3);
		// the same budget covers password changes: a guesser cannot move to another
		// endpoint
		ApiClient.Response change = freshUser().post("/v1/users/me/password",
				Map.of("current_password", "guess-5", "new_password", "another-long-guess"));
		assertThat(change.status()).isEqualTo(429);
	}

	@Test
	void refusesADeclaredBodyOverOneMebibyte() {
		ApiClient.Response response = freshUser().post("/v1/payments", "x".repeat(ONE_MIB + 1));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.text("code")).isEqualTo("payload_too_large");
	}

	@Test
	void refusesAChunkedBodyOverOneMebibyte() throws Exception {
		HttpResponse<String> response = sendChunked(ONE_MIB + 1);

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"payload_too_large\"");
	}

	@Test
	void forwardsBodiesUpToTheLimit() throws Exception {
		ApiClient.Response declared = freshUser().post("/v1/payment_methods", "x".repeat(ONE_MIB));
		HttpResponse<String> chunked = sendChunked(ONE_MIB);

		assertThat(declared.status()).isEqualTo(200);
		assertThat(declared.json().path("body_bytes").asLong()).isEqualTo(ONE_MIB);
		assertThat(chunked.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(chunked.body()).path("body_bytes").asLong()).isEqualTo(ONE_MIB);
	}

	private HttpResponse<String> sendChunked(int size) throws Exception {
		String token = TestTokens.get().user("usr_chunked" + size);
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/payment_methods"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[size])))
			.build();
		try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

}
