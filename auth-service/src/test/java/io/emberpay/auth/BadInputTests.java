package io.emberpay.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Anything a client can send wrong is a 4xx problem naming the field, never a 500. */
@AuthServiceTest
class BadInputTests extends AuthApi {

	@Test
	void malformedJsonIsAProblem() {
		ApiClient.Response response = api().post("/v1/auth/login", "{\"email\": \"a@example.com\", ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text("code")).isEqualTo("malformed_json");
	}

	@Test
	void wrongTypeNamesTheField() {
		ApiClient.Response response = api().post("/v1/auth/login",
				"{\"email\": \"a@example.com\", \"password\": {\"x\": 1}}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("password");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-email", "a@b", "two@@example.com", "spaces in@example.com", "" })
	void badEmailsAreRefusedAtSignup(String email) {
		ApiClient.Response response = api().post("/v1/auth/signup", Map.of("email", email, "password", PASSWORD));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("email");
	}

	@Test
	void hugeStringsAreRefused() {
		String huge = "x".repeat(200_000);
		ApiClient.Response email = api().post("/v1/auth/signup",
				Map.of("email", huge + "@example.com", "password", PASSWORD));
		assertThat(email.status()).isEqualTo(400);
		assertThat(email.text("param")).isEqualTo("email");
		ApiClient.Response password = api().post("/v1/auth/login", Map.of("email", uniqueEmail(), "password", huge));
		assertThat(password.status()).isEqualTo(400);
		assertThat(password.text("param")).isEqualTo("password");
		ApiClient.Response merchant = api().post("/v1/merchants", Map.of("name", huge, "email", uniqueEmail()));
		assertThat(merchant.status()).isEqualTo(400);
		assertThat(merchant.text("param")).isEqualTo("name");
	}

	@Test
	void unknownFieldsThatTryToGrantRolesAreRefused() {
		ApiClient.Response response = api().post("/v1/auth/signup",
				Map.of("email", uniqueEmail(), "password", PASSWORD, "role", "admin"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("role");
		ApiClient.Response merchant = api().post("/v1/merchants",
				Map.of("name", "Shop", "email", uniqueEmail(), "live_enabled", true));
		assertThat(merchant.status()).isEqualTo(400);
		assertThat(merchant.text("param")).isEqualTo("live_enabled");
	}

	@ParameterizedTest
	@ValueSource(strings = { "short", "password1234", "Qwertyuiop123", "aaaaaaaaaaaaaaaa" })
	void weakPasswordsAreRefused(String password) {
		ApiClient.Response response = api().post("/v1/auth/signup",
				Map.of("email", uniqueEmail(), "password", password));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("weak_password");
		assertThat(response.text("param")).isEqualTo("password");
	}

	@Test
	void passwordLongerThan128CharactersIsRefused() {
		ApiClient.Response response = api().post("/v1/auth/signup",
				Map.of("email", uniqueEmail(), "password", "long passphrase ".repeat(9)));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("password");
	}

	@Test
	void badDeviceIdIsRefused() {
		ApiClient.Response response = api().post("/v1/auth/login",
				Map.of("email", uniqueEmail(), "password", PASSWORD, "device_id", "<script>"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("device_id");
	}

	@Test
	void forgedExpiredAndMisaddressedTokensGet401() throws Exception {
		String email = signUp();
		String token = login(email, PASSWORD).text("access_token");
		String[] parts = token.split("\\.");
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

		JWTClaimsSet escalated = new JWTClaimsSet.Builder(claims).claim("roles", List.of("user", "admin")).build();
		String tampered = parts[0] + "." + escalated.toPayload().toBase64URL() + "." + parts[2];
		String none = new PlainJWT(escalated).serialize();
		SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), escalated);
		hmac.sign(new MACSigner(api().get("/.well-known/jwks.json").body().repeat(2).getBytes()));
		Instant past = Instant.now().minus(Duration.ofHours(1));
		String expired = TestTokens.get()
			.sign(new JWTClaimsSet.Builder(claims).issueTime(Date.from(past))
				.notBeforeTime(Date.from(past))
				.expirationTime(Date.from(past.plusSeconds(60)))
				.build());
		String wrongAudience = TestTokens.get().sign(new JWTClaimsSet.Builder(claims).audience("another-api").build());
		String wrongIssuer = TestTokens.get()
			.sign(new JWTClaimsSet.Builder(claims).issuer("https://evil.example").build());
		Instant later = Instant.now().plus(Duration.ofHours(1));
		String notYetValid = TestTokens.get()
			.sign(new JWTClaimsSet.Builder(claims).notBeforeTime(Date.from(later))
				.expirationTime(Date.from(later.plusSeconds(300)))
				.build());
		SignedJWT unknownKid = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("kid-nobody-knows").build(), claims);
		unknownKid.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));

		assertThat(api().withToken(token).get("/v1/users/me").status()).isEqualTo(200);
		for (String forged : List.of(tampered, none, hmac.serialize(), expired, wrongAudience, wrongIssuer, notYetValid,
				unknownKid.serialize(), "garbage")) {
			ApiClient.Response response = api().withToken(forged).get("/v1/users/me");
			assertThat(response.status()).as(forged).isEqualTo(401);
			assertThat(response.text("code")).isEqualTo("unauthenticated");
		}
	}

	@Test
	void protectedEndpointsNeedAToken() {
		assertThat(api().get("/v1/users/me").status()).isEqualTo(401);
		assertThat(api().post("/v1/auth/mfa/totp", null).status()).isEqualTo(401);
		assertThat(api().get("/v1/merchants/mer_x/api_keys").status()).isEqualTo(401);
		assertThat(api().get("/v1/users/me/devices").status()).isEqualTo(401);
	}

}
