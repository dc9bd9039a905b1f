package io.emberpay.auth;

import java.util.Map;
import java.util.UUID;

import io.emberpay.testkit.ApiClient;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of auth-service's HTTP tests: a client on the running service and sign-up
 * shortcuts.
 */
public abstract class AuthApi {

	public static final String PASSWORD = "correct horse battery staple 7";

	@Value("${local.server.port}")
	protected int port;

	protected ApiClient api() {
		return new ApiClient("http://localhost:" + this.port);
	}

	/** The tests' client secrets (application-test.yml). */
	protected static final Map<String, String> CLIENT_SECRETS = Map.of("gateway",
			"test-client-secret-gateway-0000000000000000000000", "payment-service",
			"test-client-secret-payment-00000000000000000000", "fraud-service",
			"test-client-secret-fraud-0000000000000000000000", "notification-service",
			"test-client-secret-notification-000000000000000");

	/**
	 * A client as the platform service {@code caller} calls auth-service: with a service
	 * token issued here.
	 */
	protected ApiClient asService(String caller) {
		return api().withToken(serviceToken(caller, "auth-service"));
	}

	/**
	 * A client whose requests the gateway routed: it vouches for them with its service
	 * token, so auth-service believes their {@code X-Client-Ip}.
	 */
	protected ApiClient viaGateway() {
		return api().withHeader("Emberpay-Edge-Token", serviceToken("gateway", "auth-service"));
	}

	protected String serviceToken(String caller, String audience) {
		String basic = java.util.Base64.getEncoder()
			.encodeToString(
					(caller + ":" + CLIENT_SECRETS.get(caller)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		ApiClient.Response response = api().post("/internal/v1/service_tokens", Map.of("audience", audience),
				Map.of("Authorization", "Basic " + basic));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.text("access_token");
	}

	protected static String uniqueEmail() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

	/** Signs a new user up and answers their email. */
	protected String signUp() {
		String email = uniqueEmail();
		ApiClient.Response response = api().post("/v1/auth/signup", Map.of("email", email, "password", PASSWORD));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return email;
	}

	protected ApiClient.Response login(String email, String password) {
		return api().post("/v1/auth/login", Map.of("email", email, "password", password));
	}

	protected ApiClient.Response login(String email, String password, String deviceId) {
		return api().post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", deviceId,
				"device_fingerprint", "fp-" + deviceId));
	}

}
