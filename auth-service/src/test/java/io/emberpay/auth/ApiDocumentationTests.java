package io.emberpay.auth;

import java.util.List;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every endpoint of auth-service. */
@AuthServiceTest
class ApiDocumentationTests extends AuthApi {

	@Test
	void openApiDocumentsEveryEndpoint() {
		ApiClient.Response docs = api().get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		var paths = docs.json().get("paths");
		for (String path : List.of("/v1/auth/signup", "/v1/auth/login", "/v1/auth/mfa/verify", "/v1/auth/token",
				"/v1/auth/logout", "/v1/auth/mfa/totp", "/v1/auth/mfa/totp/activate", "/v1/auth/mfa/totp/disable",
				"/v1/auth/signing_keys/rotate", "/v1/users/me", "/v1/users/me/devices",
				"/v1/users/me/devices/{deviceId}", "/v1/users/me/password", "/v1/merchants", "/v1/merchants/{id}",
				"/v1/merchants/{id}/live_approval", "/v1/merchants/{id}/suspend", "/v1/merchants/{merchant}/api_keys",
				"/v1/merchants/{merchant}/api_keys/{id}/revoke", "/v1/merchants/{merchant}/api_keys/{id}/roll",
				"/.well-known/jwks.json", "/internal/v1/api_keys/verify", "/internal/v1/merchants/{id}",
				"/internal/v1/step_up/challenges", "/internal/v1/step_up/verify", "/v1/users", "/v1/users/{id}",
				"/v1/users/{id}/lock", "/v1/users/{id}/unlock", "/v1/users/{id}/revoke_sessions")) {
			assertThat(paths.has(path)).as(path).isTrue();
		}
		assertThat(docs.body()).contains("bearer");
	}

}
