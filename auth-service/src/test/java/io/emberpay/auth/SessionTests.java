package io.emberpay.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up, login, access token claims, JWKS, refresh rotation and reuse, logout, key
 * rotation.
 */
@AuthServiceTest
class SessionTests extends AuthApi {

	@Test
	void signsUpAndAnswersTheUserWithoutItsPassword() {
		String email = uniqueEmail();
		ApiClient.Response response = api().post("/v1/auth/signup",
				Map.of("email", email.toUpperCase(java.util.Locale.ROOT), "password", PASSWORD));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.text("id")).startsWith("usr_");
		assertThat(response.text("email")).isEqualTo(email);
		assertThat(response.body()).doesNotContain(PASSWORD).doesNotContain("argon2");
		ApiClient.Response again = api().post("/v1/auth/signup", Map.of("email", email, "password", PASSWORD));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("code")).isEqualTo("email_taken");
	}

	@Test
	void loginIssuesAnEs256TokenWithTheContractClaimsVerifiableFromJwks() throws Exception {
		String email = signUp();
		ApiClient.Response login = login(email, PASSWORD);
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		assertThat(login.text("token_type")).isEqualTo("Bearer");
		assertThat(login.json().get("expires_in").asLong()).isBetween(60L, 900L);
		assertThat(login.text("refresh_token")).startsWith("rt_");

		SignedJWT jwt = SignedJWT.parse(login.text("access_token"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(TestTokens.ISSUER);
		assertThat(claims.getAudience()).containsExactly(TestTokens.AUDIENCE);
		assertThat(claims.getSubject()).startsWith("usr_");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getNotBeforeTime()).isNotNull();
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isLessThanOrEqualTo(Duration.ofMinutes(15));
		assertThat(claims.getStringListClaim("roles")).containsExactly("user");
		assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");

		ApiClient.Response jwks = api().get("/.well-known/jwks.json");
		assertThat(jwks.status()).isEqualTo(200);
		assertThat(jwks.body()).contains(jwt.getHeader().getKeyID()).doesNotContain("\"d\"");

		ApiClient.Response me = api().withToken(login.text("access_token")).get("/v1/users/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.text("email")).isEqualTo(email);
		assertThat(me.json().get("mfa_enabled").asBoolean()).isFalse();
	}

	@Test
	void refreshSpendsTheTokenAndReuseRevokesTheWholeSession() {
		String email = signUp();
		ApiClient.Response login = login(email, PASSWORD);
		String first = login.text("refresh_token");

		ApiClient.Response refreshed = refresh(first);
		assertThat(refreshed.status()).isEqualTo(200);
		String second = refreshed.text("refresh_token");
		assertThat(second).isNotEqualTo(first);
		assertThat(api().withToken(refreshed.text("access_token")).get("/v1/users/me").status()).isEqualTo(200);

		ApiClient.Response replay = refresh(first);
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.text("code")).isEqualTo("invalid_refresh_token");
		// the thief's replay also ends the legitimate holder's session
		assertThat(refresh(second).status()).isEqualTo(401);
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void racingRefreshesWithOneTokenSucceedAtMostOnce() throws Exception {
		String refreshToken = login(signUp(), PASSWORD).text("refresh_token");
		List<ApiClient.Response> answers;
		try (ExecutorService racers = Executors.newFixedThreadPool(4)) {
			List<Future<ApiClient.Response>> futures = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				futures.add(racers.submit(() -> refresh(refreshToken)));
			}
			answers = new ArrayList<>();
			for (Future<ApiClient.Response> future : futures) {
				answers.add(future.get(30, TimeUnit.SECONDS));
			}
		}
		assertThat(answers).filteredOn(r -> r.status() == 200).hasSizeLessThanOrEqualTo(1);
		assertThat(answers).filteredOn(r -> r.status() == 401).hasSizeGreaterThanOrEqualTo(3);
		// the losers presented a spent token, so the winner's session is revoked too
		answers.stream()
			.filter(r -> r.status() == 200)
			.forEach(winner -> assertThat(refresh(winner.text("refresh_token")).status()).isEqualTo(401));
	}

	@Test
	void logoutRevokesTheSessionsRefreshTokens() {
		String email = signUp();
		ApiClient.Response login = login(email, PASSWORD);
		ApiClient.Response other = login(email, PASSWORD);
		ApiClient.Response logout = api().withToken(login.text("access_token")).post("/v1/auth/logout", null);
		assertThat(logout.status()).isEqualTo(204);
		assertThat(refresh(login.text("refresh_token")).status()).isEqualTo(401);
		assertThat(refresh(other.text("refresh_token")).status()).as("another session stays").isEqualTo(200);
		assertThat(api().post("/v1/auth/logout", null).status()).isEqualTo(401);
	}

	@Test
	void theRevokedSessionFeedNamesALoggedOutSessionAndNoOpenOne() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		String email = signUp();
		ApiClient.Response login = login(email, PASSWORD);
		ApiClient.Response other = login(email, PASSWORD);
		assertThat(api().withToken(login.text("access_token")).post("/v1/auth/logout", null).status()).isEqualTo(204);

		ApiClient.Response feed = asService("gateway").get("/internal/v1/sessions/revoked?since=" + before);
		assertThat(feed.status()).as(feed.body()).isEqualTo(200);
		List<String> sessions = new ArrayList<>();
		feed.json().get("data").forEach(row -> sessions.add(row.get("session").asString()));
		assertThat(sessions).contains(sessionOf(login)).doesNotContain(sessionOf(other));
		assertThat(feed.json().get("data").get(0).get("revoked_at").asString()).isNotBlank();
	}

	private static String sessionOf(ApiClient.Response login) throws Exception {
		return SignedJWT.parse(login.text("access_token")).getJWTClaimsSet().getStringClaim("sid");
	}

	@Test
	void unknownRefreshTokenIsRefused() {
		ApiClient.Response response = refresh("rt_" + "A".repeat(43));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text("code")).isEqualTo("invalid_refresh_token");
	}

	@Test
	void rotatingTheSigningKeyKeepsIssuedTokensValidAndPublishesBothKeys() throws Exception {
		String email = signUp();
		String before = login(email, PASSWORD).text("access_token");
		String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

		ApiClient.Response rotated = api().withToken(TestTokens.get().operator("usr_operator"))
			.post("/v1/auth/signing_keys/rotate", null);
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(202);
		String newKid = rotated.text("kid");
		assertThat(newKid).isNotEqualTo(oldKid);

		String after = login(email, PASSWORD).text("access_token");
		assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
		assertThat(api().get("/.well-known/jwks.json").body()).contains(oldKid).contains(newKid);
		assertThat(api().withToken(before).get("/v1/users/me").status()).isEqualTo(200);
		assertThat(api().withToken(after).get("/v1/users/me").status()).isEqualTo(200);
	}

	@Test
	void onlyOperatorsWithMfaRotateKeys() {
		ApiClient.Response user = api().withToken(TestTokens.get().user("usr_someone"))
			.post("/v1/auth/signing_keys/rotate", null);
		assertThat(user.status()).isEqualTo(403);
		String operatorWithoutMfa = TestTokens.get()
			.sign("usr_op", List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5));
		ApiClient.Response response = api().withToken(operatorWithoutMfa).post("/v1/auth/signing_keys/rotate", null);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.text("code")).isEqualTo("mfa_required");
	}

	private ApiClient.Response refresh(String refreshToken) {
		return api().post("/v1/auth/token", Map.of("refresh_token", refreshToken));
	}

}
