package io.emberpay.starter;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When auth-service's keys cannot be fetched, callers learn it is our outage, not their
 * token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "emberpay.test.jwks-uri=http://127.0.0.1:9/.well-known/jwks.json")
@RealInfrastructure
class KeyServiceOutageTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void unreachableKeySetAnswersServiceUnavailableWithRetryAfter() {
		ApiClient.Response response = new ApiClient("http://localhost:" + this.port)
			.withToken(TestTokens.get().user("usr_outage"))
			.get("/v1/payments");

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isNotBlank();
		assertThat(response.json().get("code").asString()).isEqualTo("service_unavailable");
	}

	@Test
	void garbageTokenIsStillTheCallersProblem() {
		ApiClient.Response response = new ApiClient("http://localhost:" + this.port).withToken("not-a-jwt")
			.get("/v1/payments");
		assertThat(response.status()).isEqualTo(401);
	}

}
