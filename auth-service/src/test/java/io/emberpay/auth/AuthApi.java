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
