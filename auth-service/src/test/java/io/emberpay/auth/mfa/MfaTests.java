package io.emberpay.auth.mfa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.emberpay.auth.AuthApi;
import io.emberpay.auth.AuthServiceTest;
import io.emberpay.auth.totp.Authenticator;
import io.emberpay.events.ResourceIds;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** TOTP enrollment, MFA login, recovery codes, replay refusal and payment step-up. */
@AuthServiceTest
class MfaTests extends AuthApi {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void enrollmentAnswersAnOtpauthUriAndActivationAnswersRecoveryCodes() {
		String email = signUp();
		ApiClient user = api().withToken(login(email, PASSWORD).text("access_token"));
		ApiClient.Response enrolled = user.post("/v1/auth/mfa/totp", null);
		assertThat(enrolled.status()).isEqualTo(201);
		String secret = enrolled.text("secret");
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(enrolled.text("otpauth_uri")).startsWith("otpauth://totp/Emberpay:")
			.contains("secret=" + secret)
			.contains("issuer=Emberpay")
			.contains("algorithm=SHA1")
			.contains("digits=6")
			.contains("period=30");

		ApiClient.Response wrong = user.post("/v1/auth/mfa/totp/activate", Map.of("code", wrongCode(secret)));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.text("code")).isEqualTo("mfa_code_invalid");
		assertThat(user.get("/v1/users/me").json().get("mfa_enabled").asBoolean()).isFalse();

		ApiClient.Response activated = user.post("/v1/auth/mfa/totp/activate",
				Map.of("code", new Authenticator(secret).code(0)));
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		assertThat(activated.json().get("recovery_codes").size()).isEqualTo(10);
		assertThat(user.get("/v1/users/me").json().get("mfa_enabled").asBoolean()).isTrue();
		assertThat(user.post("/v1/auth/mfa/totp", null).status()).isEqualTo(409);
	}

	@Test
	void loginWithMfaNeedsAFreshCodeAndRecordsBothFactors() throws Exception {
		String email = signUp();
		Enrolled enrolled = enrollAndActivate(email);

		ApiClient.Response first = login(email, PASSWORD);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("mfa_required").asBoolean()).isTrue();
		assertThat(first.text("access_token")).isNull();
		String mfaToken = first.text("mfa_token");

		// the activation spent the current step's code: presenting it again is a replay
		ApiClient.Response replay = verify(mfaToken, enrolled.authenticator().codeAt(enrolled.activationStep()));
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.text("code")).isEqualTo("mfa_verification_failed");

		String fresh = enrolled.authenticator().codeAt(enrolled.activationStep() + 1);
		ApiClient.Response verified = verify(mfaToken, fresh);
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		assertThat(SignedJWT.parse(verified.text("access_token")).getJWTClaimsSet().getStringListClaim("amr"))
			.containsExactly("pwd", "otp");
		assertThat(verify(mfaToken, fresh).status()).as("an mfa_token is single use").isEqualTo(401);
	}

	@Test
	void recoveryCodeWorksOnce() {
		String email = signUp();
		Enrolled enrolled = enrollAndActivate(email);
		String recovery = enrolled.recoveryCodes().get(3);

		ApiClient.Response verified = verify(login(email, PASSWORD).text("mfa_token"), recovery.toUpperCase());
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		ApiClient.Response again = verify(login(email, PASSWORD).text("mfa_token"), recovery);
		assertThat(again.status()).isEqualTo(401);
	}

	@Test
	void mfaTokenStopsAfterTooManyWrongCodes() {
		String email = signUp();
		Enrolled enrolled = enrollAndActivate(email);
		String mfaToken = login(email, PASSWORD).text("mfa_token");
		for (int i = 0; i < 5; i++) {
			assertThat(verify(mfaToken, wrongCode(enrolled.secret())).status()).isIn(401, 429);
		}
		ApiClient.Response exhausted = verify(mfaToken, enrolled.authenticator().code(1));
		assertThat(exhausted.status()).isIn(401, 429);
	}

	@Test
	void stepUpPassesOnceAndOnlyForItsPayment() {
		String email = signUp();
		Enrolled enrolled = enrollAndActivate(email);
		String payment = ResourceIds.next("pay");
		String otherPayment = ResourceIds.next("pay");

		ApiClient.Response challenge = asService("payment-service").post("/internal/v1/step_up/challenges",
				Map.of("user", enrolled.userId(), "payment", payment));
		assertThat(challenge.status()).as(challenge.body()).isEqualTo(201);
		assertThat(challenge.text("challenge")).startsWith("chl_");
		assertThat(challenge.text("method")).isEqualTo("totp");
		assertThat(challenge.text("expires_at")).isNotBlank();

		String code = enrolled.authenticator().codeAt(enrolled.activationStep() + 1);
		assertThat(stepUp(enrolled.userId(), otherPayment, code)).as("no challenge for that payment").isFalse();
		assertThat(stepUp(enrolled.userId(), payment, wrongCode(enrolled.secret()))).isFalse();
		assertThat(stepUp(enrolled.userId(), payment, code)).isTrue();
		assertThat(stepUp(enrolled.userId(), payment, code)).as("a passed challenge does not pass again").isFalse();

		asService("payment-service").post("/internal/v1/step_up/challenges",
				Map.of("user", enrolled.userId(), "payment", otherPayment));
		assertThat(stepUp(enrolled.userId(), otherPayment, code)).as("a used code is refused").isFalse();
	}

	@Test
	@Tag("security")
	void eleventhWrongCodeIsLockedOutEvenAfterACorrectPassword() {
		String email = signUp();
		Enrolled enrolled = enrollAndActivate(email);
		String wrong = wrongCode(enrolled.secret());
		// ten wrong codes across every place a code is checked, each login with the right
		// password
		for (int i = 0; i < 4; i++) {
			assertThat(verify(login(email, PASSWORD).text("mfa_token"), wrong).text("code"))
				.isEqualTo("mfa_verification_failed");
		}
		for (int i = 0; i < 3; i++) {
			String payment = ResourceIds.next("pay");
			asService("payment-service").post("/internal/v1/step_up/challenges",
					Map.of("user", enrolled.userId(), "payment", payment));
			assertThat(stepUp(enrolled.userId(), payment, wrong)).isFalse();
		}
		ApiClient user = api().withToken(enrolled.accessToken());
		for (int i = 0; i < 3; i++) {
			assertThat(user.post("/v1/auth/mfa/totp/disable", Map.of("code", wrong, "password", PASSWORD)).status())
				.isEqualTo(400);
		}

		ApiClient.Response afterPassword = login(email, PASSWORD);
		assertThat(afterPassword.status()).isEqualTo(200);
		ApiClient.Response eleventh = verify(afterPassword.text("mfa_token"),
				enrolled.authenticator().codeAt(enrolled.activationStep() + 1));
		assertThat(eleventh.status()).as("even the right code, after the right password").isEqualTo(429);
		assertThat(eleventh.text("code")).isEqualTo("mfa_locked");
		assertThat(eleventh.header("Retry-After")).isNotNull();
		assertThat(user.post("/v1/auth/mfa/totp/disable", Map.of("code", wrong, "password", PASSWORD)).text("code"))
			.isEqualTo("mfa_locked");
	}

	@Test
	void aRightCodeStartsTheFactorsCountAfresh() {
		String email = signUp();
		Enrolled enrolled = enrollAndActivate(email);
		String wrong = wrongCode(enrolled.secret());
		for (int i = 0; i < 9; i++) {
			String payment = ResourceIds.next("pay");
			asService("payment-service").post("/internal/v1/step_up/challenges",
					Map.of("user", enrolled.userId(), "payment", payment));
			assertThat(stepUp(enrolled.userId(), payment, wrong)).isFalse();
		}
		ApiClient.Response verified = verify(login(email, PASSWORD).text("mfa_token"),
				enrolled.authenticator().codeAt(enrolled.activationStep() + 1));
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		String mfaToken = login(email, PASSWORD).text("mfa_token");
		assertThat(verify(mfaToken, wrong).text("code")).isEqualTo("mfa_verification_failed");
		assertThat(verify(mfaToken, wrong).text("code")).as("without the reset this would be the 11th")
			.isEqualTo("mfa_verification_failed");
	}

	@Test
	@Tag("security")
	void anOlderSessionNeedsThePasswordToChangeTheFactor() {
		String email = signUp();
		Enrolled enrolled = enrollAndActivate(email);
		ApiClient user = api().withToken(enrolled.accessToken());
		this.jdbc.sql("update auth_session set created_at = now() - interval '6 minutes' where user_id = ?")
			.param(enrolled.userId())
			.update();

		ApiClient.Response noPassword = user.post("/v1/auth/mfa/totp/disable",
				Map.of("code", enrolled.recoveryCodes().get(0)));
		assertThat(noPassword.status()).isEqualTo(403);
		assertThat(noPassword.text("code")).isEqualTo("reauthentication_required");
		ApiClient.Response wrongPassword = user.post("/v1/auth/mfa/totp/recovery_codes",
				Map.of("password", "not the password"));
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(wrongPassword.text("code")).isEqualTo("invalid_credentials");
		assertThat(user.post("/v1/auth/mfa/totp/recovery_codes", Map.of()).status()).isEqualTo(403);

		ApiClient.Response regenerated = user.post("/v1/auth/mfa/totp/recovery_codes", Map.of("password", PASSWORD));
		assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
		assertThat(regenerated.json().get("recovery_codes").size()).isEqualTo(10);
		assertThat(verify(login(email, PASSWORD).text("mfa_token"), enrolled.recoveryCodes().get(0)).status())
			.as("the old recovery codes stop working")
			.isEqualTo(401);
		assertThat(user
			.post("/v1/auth/mfa/totp/disable", Map.of("code", enrolled.recoveryCodes().get(1), "password", PASSWORD))
			.status()).as("an old recovery code").isEqualTo(400);
		assertThat(user
			.post("/v1/auth/mfa/totp/disable",
					Map.of("code", regenerated.json().get("recovery_codes").get(0).asString(), "password", PASSWORD))
			.status()).isEqualTo(204);
	}

	@Test
	@Tag("security")
	void enrolmentInAnOlderSessionNeedsThePassword() {
		String email = signUp();
		ApiClient.Response login = login(email, PASSWORD);
		ApiClient user = api().withToken(login.text("access_token"));
		this.jdbc
			.sql("update auth_session set created_at = now() - interval '6 minutes'"
					+ " where user_id = (select id from app_user where email = ?)")
			.param(email)
			.update();

		ApiClient.Response refused = user.post("/v1/auth/mfa/totp", null);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("code")).isEqualTo("reauthentication_required");
		assertThat(user.post("/v1/auth/mfa/totp", Map.of("password", "not the password")).status()).isEqualTo(401);
		assertThat(user.get("/v1/users/me").json().get("mfa_enabled").asBoolean()).isFalse();

		ApiClient.Response enrolled = user.post("/v1/auth/mfa/totp", Map.of("password", PASSWORD));
		assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
		ApiClient.Response activated = user.post("/v1/auth/mfa/totp/activate",
				Map.of("code", new Authenticator(enrolled.text("secret")).code(0), "password", PASSWORD));
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
	}

	@Test
	void stepUpForUserWithoutMfaIsAConflict() {
		String email = signUp();
		String userId = api().withToken(login(email, PASSWORD).text("access_token")).get("/v1/users/me").text("id");
		ApiClient.Response response = asService("payment-service").post("/internal/v1/step_up/challenges",
				Map.of("user", userId, "payment", ResourceIds.next("pay")));
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.text("code")).isEqualTo("mfa_not_enrolled");
		ApiClient.Response unknown = asService("payment-service").post("/internal/v1/step_up/challenges",
				Map.of("user", ResourceIds.next("usr"), "payment", ResourceIds.next("pay")));
		assertThat(unknown.status()).isEqualTo(404);
	}

	@Test
	void disablingMfaNeedsAValidCode() {
		String email = signUp();
		Enrolled enrolled = enrollAndActivate(email);
		ApiClient user = api().withToken(
				verify(login(email, PASSWORD).text("mfa_token"), enrolled.recoveryCodes().get(0)).text("access_token"));
		ApiClient.Response refused = user.post("/v1/auth/mfa/totp/disable",
				Map.of("code", wrongCode(enrolled.secret())));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(user.post("/v1/auth/mfa/totp/disable", Map.of("code", enrolled.recoveryCodes().get(1))).status())
			.isEqualTo(204);
		assertThat(user.get("/v1/users/me").json().get("mfa_enabled").asBoolean()).isFalse();
		assertThat(login(email, PASSWORD).text("access_token")).isNotNull();
	}

	private boolean stepUp(String userId, String payment, String code) {
		ApiClient.Response response = asService("payment-service").post("/internal/v1/step_up/verify",
				Map.of("user", userId, "payment", payment, "code", code));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("verified").asBoolean();
	}

	private ApiClient.Response verify(String mfaToken, String code) {
		return api().post("/v1/auth/mfa/verify", Map.of("mfa_token", mfaToken, "code", code));
	}

	private Enrolled enrollAndActivate(String email) {
		String accessToken = login(email, PASSWORD).text("access_token");
		ApiClient user = api().withToken(accessToken);
		String secret = user.post("/v1/auth/mfa/totp", null).text("secret");
		Authenticator authenticator = new Authenticator(secret);
		long step = Authenticator.currentStep();
		ApiClient.Response activated = user.post("/v1/auth/mfa/totp/activate",
				Map.of("code", authenticator.codeAt(step)));
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		activated.json().get("recovery_codes").forEach(node -> codes.add(node.asString()));
		return new Enrolled(user.get("/v1/users/me").text("id"), secret, authenticator, step, codes, accessToken);
	}

	/** A 6-digit code that is none of the codes valid around now. */
	private static String wrongCode(String secret) {
		Authenticator authenticator = new Authenticator(secret);
		List<String> valid = List.of(authenticator.code(-1), authenticator.code(0), authenticator.code(1),
				authenticator.code(2));
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!valid.contains(code)) {
				return code;
			}
		}
	}

	private record Enrolled(String userId, String secret, Authenticator authenticator, long activationStep,
			List<String> recoveryCodes, String accessToken) {
	}

}
