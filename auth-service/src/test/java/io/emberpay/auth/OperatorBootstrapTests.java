package io.emberpay.auth;

import java.util.Map;

import io.emberpay.auth.account.OperatorBootstrap;
import io.emberpay.auth.totp.Authenticator;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first operator is made by the bootstrap command, not by SQL: it can sign in, but
 * acts as an operator only once it enrolled TOTP and signed in with a code.
 */
@AuthServiceTest
class OperatorBootstrapTests extends AuthApi {

	@Autowired
	OperatorBootstrap bootstrap;

	@Test
	void bootstrappedOperatorMustEnrolTotpBeforeActingAsOperator() {
		String email = uniqueEmail();
		OperatorBootstrap.Result created = this.bootstrap.create(email, null);
		assertThat(created.status()).isEqualTo(OperatorBootstrap.Result.Status.CREATED);
		assertThat(created.generatedPassword()).hasSizeGreaterThanOrEqualTo(20);
		String merchant = api().post("/v1/merchants", Map.of("name", "Awaiting Approval", "email", uniqueEmail()))
			.text("id");

		ApiClient.Response first = login(email, created.generatedPassword());
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		ApiClient operatorWithoutMfa = api().withToken(first.text("access_token"));
		ApiClient.Response me = operatorWithoutMfa.get("/v1/users/me");
		assertThat(me.body()).contains("\"admin\"");
		assertThat(me.json().get("mfa_enabled").asBoolean()).isFalse();
		ApiClient.Response refused = operatorWithoutMfa.post("/v1/merchants/" + merchant + "/live_approval", null);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("code")).isEqualTo("mfa_required");

		String secret = operatorWithoutMfa.post("/v1/auth/mfa/totp", null).text("secret");
		Authenticator authenticator = new Authenticator(secret);
		long step = Authenticator.currentStep();
		assertThat(operatorWithoutMfa.post("/v1/auth/mfa/totp/activate", Map.of("code", authenticator.codeAt(step)))
			.status()).isEqualTo(200);
		ApiClient.Response second = login(email, created.generatedPassword());
		assertThat(second.json().get("mfa_required").asBoolean()).isTrue();
		ApiClient.Response tokens = api().post("/v1/auth/mfa/verify",
				Map.of("mfa_token", second.text("mfa_token"), "code", authenticator.codeAt(step + 1)));
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		ApiClient.Response approved = api().withToken(tokens.text("access_token"))
			.post("/v1/merchants/" + merchant + "/live_approval", null);
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
	}

	@Test
	void runningItAgainChangesNothing() {
		String email = uniqueEmail();
		OperatorBootstrap.Result created = this.bootstrap.create(email, "a chosen operator passphrase");
		assertThat(created.generatedPassword()).isNull();
		OperatorBootstrap.Result again = this.bootstrap.create(email, null);
		assertThat(again.status()).isEqualTo(OperatorBootstrap.Result.Status.EXISTS);
		assertThat(again.userId()).isEqualTo(created.userId());
		assertThat(login(email, "a chosen operator passphrase").status()).isEqualTo(200);
	}

	@Test
	void neverPromotesAnExistingUserOrAcceptsAWeakPassword() {
		String user = signUp();
		assertThatThrownBy(() -> this.bootstrap.create(user, null)).isInstanceOf(IllegalStateException.class);
		assertThat(api().withToken(login(user, PASSWORD).text("access_token")).get("/v1/users/me").body())
			.doesNotContain("admin");
		assertThatThrownBy(() -> this.bootstrap.create(uniqueEmail(), "short")).hasMessageContaining("12");
		assertThatThrownBy(() -> this.bootstrap.create("not an email", null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void merchantKeyFindsItsOwnMerchant() {
		ApiClient.Response merchant = api().post("/v1/merchants", Map.of("name", "Self Aware", "email", uniqueEmail()));
		String token = verifyToken(merchant.text("api_key"));
		ApiClient.Response me = api().withToken(token).get("/v1/merchants/me");
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.text("id")).isEqualTo(merchant.text("id"));
		String userToken = login(signUp(), PASSWORD).text("access_token");
		assertThat(api().withToken(userToken).get("/v1/merchants/me").status()).isEqualTo(404);
	}

	private String verifyToken(String apiKey) {
		return asService("gateway").post("/internal/v1/api_keys/verify", Map.of("api_key", apiKey))
			.text("access_token");
	}

}
