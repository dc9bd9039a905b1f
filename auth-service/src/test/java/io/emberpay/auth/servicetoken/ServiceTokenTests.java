package io.emberpay.auth.servicetoken;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.emberpay.auth.AuthApi;
import io.emberpay.auth.AuthServiceTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 1 of issue 21 at auth-service: services get short-lived, audience-scoped tokens
 * with their own client secret, and every internal endpoint of auth-service takes only
 * the services its allow-list names.
 */
@AuthServiceTest
@Tag("security")
class ServiceTokenTests extends AuthApi {

	private static final List<String> INTERNAL_ENDPOINTS = List.of("POST /internal/v1/step_up/challenges",
			"POST /internal/v1/step_up/verify", "POST /internal/v1/api_keys/verify",
			"GET /internal/v1/merchants/mer_unknown", "GET /internal/v1/sessions/revoked?since=2026-01-01T00:00:00Z");

	@Test
	void aServiceWithItsSecretGetsAFiveMinuteTokenForOneAudience() throws Exception {
		String token = serviceToken("payment-service", "fraud-service");

		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("payment-service");
		assertThat(claims.getAudience()).containsExactly("fraud-service");
		assertThat(claims.getStringClaim("typ")).isEqualTo("service");
		assertThat(claims.getClaim("roles")).isNull();
		assertThat(Duration.between(new Date().toInstant(), claims.getExpirationTime().toInstant()))
			.isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
	}

	@Test
	void aWrongSecretAnUnknownServiceOrNoCredentialGetsNoToken() {
		assertThat(issue(basic("payment-service", "guessed"), "auth-service").status()).isEqualTo(401);
		assertThat(issue(basic("intruder-service", "anything"), "auth-service").status()).isEqualTo(401);
		assertThat(issue(basic("fraud-service", CLIENT_SECRETS.get("payment-service")), "auth-service").status())
			.isEqualTo(401);
		assertThat(api().post("/internal/v1/service_tokens", Map.of("audience", "auth-service")).status())
			.isEqualTo(401);
	}

	@Test
	void anAudienceThatIsNoPlatformServiceIsRefused() {
		ApiClient.Response response = issue(basic("payment-service", CLIENT_SECRETS.get("payment-service")),
				"example-com");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("audience");
	}

	@Test
	void everyInternalEndpointRefusesACallWithoutAServiceToken() {
		for (String endpoint : INTERNAL_ENDPOINTS) {
			assertThat(call(api(), endpoint).status()).as(endpoint).isEqualTo(401);
		}
	}

	@Test
	void everyInternalEndpointRefusesUserTokensAndTokensForAnotherService() {
		String user = login(signUp(), PASSWORD).text("access_token");
		String forFraud = serviceToken("payment-service", "fraud-service");
		for (String endpoint : INTERNAL_ENDPOINTS) {
			assertThat(call(api().withToken(user), endpoint).status()).as(endpoint).isEqualTo(403);
			assertThat(call(api().withToken(forFraud), endpoint).status()).as(endpoint).isEqualTo(401);
		}
	}

	@Test
	void aServiceTokenSignedByAnyoneElseIsRefused() throws Exception {
		SignedJWT genuine = SignedJWT.parse(serviceToken("payment-service", "auth-service"));
		// auth-service's own key id, so no key is fetched: only the signature is wrong
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(genuine.getHeader().getKeyID()).build(),
				genuine.getJWTClaimsSet());
		forged.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));

		assertThat(call(api().withToken(forged.serialize()), "GET /internal/v1/merchants/mer_unknown").status())
			.isEqualTo(401);
	}

	@Test
	void eachInternalEndpointTakesOnlyTheServicesItNames() {
		ApiClient gateway = asService("gateway");
		ApiClient payment = asService("payment-service");
		ApiClient fraud = asService("fraud-service");

		assertThat(call(payment, "GET /internal/v1/merchants/mer_unknown").status()).isEqualTo(404);
		assertThat(call(gateway, "GET /internal/v1/merchants/mer_unknown").status()).isEqualTo(403);
		assertThat(call(gateway, "POST /internal/v1/api_keys/verify").status()).isEqualTo(401);
		assertThat(call(payment, "POST /internal/v1/api_keys/verify").status()).isEqualTo(403);
		assertThat(call(gateway, "GET /internal/v1/sessions/revoked?since=2026-01-01T00:00:00Z").status())
			.isEqualTo(200);
		for (String endpoint : INTERNAL_ENDPOINTS) {
			assertThat(call(fraud, endpoint).status()).as(endpoint).isEqualTo(403);
		}
		assertThat(call(gateway, "POST /internal/v1/step_up/challenges").status()).isEqualTo(403);
	}

	private ApiClient.Response issue(String authorization, String audience) {
		return api().post("/internal/v1/service_tokens", Map.of("audience", audience),
				Map.of("Authorization", authorization));
	}

	private static String basic(String service, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((service + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static ApiClient.Response call(ApiClient client, String endpoint) {
		String[] parts = endpoint.split(" ", 2);
		if (parts[0].equals("GET")) {
			return client.get(parts[1]);
		}
		return client.post(parts[1], Map.of("api_key", "sk_test_unknown"));
	}

}
