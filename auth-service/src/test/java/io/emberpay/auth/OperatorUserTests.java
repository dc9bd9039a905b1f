package io.emberpay.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators with a second factor find a user by e-mail, lock (login refused, sessions
 * revoked), unlock and sign a user out everywhere, each with a reason in the security
 * audit; nobody else can, and bad input is a 400 naming the field.
 */
@AuthServiceTest
class OperatorUserTests extends AuthApi {

	private static final String OPERATOR = "usr_operator_users";

	@Autowired
	JdbcClient jdbc;

	private ApiClient operator() {
		return api().withToken(TestTokens.get().operator(OPERATOR));
	}

	private String userId(String email) {
		ApiClient.Response found = operator().get("/v1/users?email=" + email.toUpperCase(java.util.Locale.ROOT));
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		return found.json().get("data").get(0).get("id").asString();
	}

	private ApiClient.Response refresh(String refreshToken) {
		return api().post("/v1/auth/token", Map.of("refresh_token", refreshToken));
	}

	@Test
	void anOperatorFindsAUserByEmailWithoutSecrets() {
		String email = signUp();
		ApiClient.Response found = operator().get("/v1/users?email=" + email);
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.json().get("data")).hasSize(1);
		var user = found.json().get("data").get(0);
		assertThat(user.get("email").asString()).isEqualTo(email);
		assertThat(user.get("locked").asBoolean()).isFalse();
		assertThat(user.get("mfa_enabled").asBoolean()).isFalse();
		assertThat(found.body()).doesNotContain("argon2").doesNotContain("password");

		ApiClient.Response none = operator().get("/v1/users?email=" + uniqueEmail());
		assertThat(none.status()).isEqualTo(200);
		assertThat(none.json().get("data")).isEmpty();
		assertThat(operator().get("/v1/users/" + user.get("id").asString()).text("email")).isEqualTo(email);
	}

	@Test
	void aLockedAccountIsSignedOutAndRefusedAtLoginUntilUnlocked() {
		String email = signUp();
		ApiClient.Response session = login(email, PASSWORD);
		assertThat(session.status()).isEqualTo(200);
		String id = userId(email);
		assertThat(operator().get("/v1/users/" + id).json().get("open_sessions").asInt()).isEqualTo(1);

		ApiClient.Response locked = operator().post("/v1/users/" + id + "/lock",
				Map.of("reason", "Card testing from this account"));
		assertThat(locked.status()).as(locked.body()).isEqualTo(200);
		assertThat(locked.json().get("locked").asBoolean()).isTrue();
		assertThat(locked.text("locked_by")).isEqualTo(OPERATOR);
		assertThat(locked.json().get("open_sessions").asInt()).isZero();
		assertThat(refresh(session.text("refresh_token")).status()).isEqualTo(401);
		ApiClient.Response refused = login(email, PASSWORD);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("code")).isEqualTo("account_disabled");
		assertThat(login(email, "wrong " + PASSWORD).text("code")).as("a guesser learns nothing")
			.isEqualTo("invalid_credentials");
		assertThat(operator().post("/v1/users/" + id + "/lock", Map.of("reason", "again")).status()).isEqualTo(409);
		assertThat(this.jdbc
			.sql("select count(*) from security_audit where subject = ? and actor = ? and event_type = ?"
					+ " and detail ->> 'note' = ?")
			.params(id, OPERATOR, "auth.account_locked", "Card testing from this account")
			.query(Long.class)
			.single()).isEqualTo(1);

		ApiClient.Response unlocked = operator().post("/v1/users/" + id + "/unlock",
				Map.of("reason", "Customer verified by phone"));
		assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
		assertThat(unlocked.json().get("locked").asBoolean()).isFalse();
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
		assertThat(operator().post("/v1/users/" + id + "/unlock", Map.of("reason", "again")).status()).isEqualTo(409);
		assertThat(
				this.jdbc.sql("select count(*) from security_audit where subject = ? and actor = ? and event_type = ?")
					.params(id, OPERATOR, "auth.account_unlocked")
					.query(Long.class)
					.single())
			.isEqualTo(1);
	}

	@Test
	void revokingSessionsSignsTheUserOutEverywhereButThePasswordStillWorks() {
		String email = signUp();
		ApiClient.Response laptop = login(email, PASSWORD);
		ApiClient.Response phone = login(email, PASSWORD);
		String id = userId(email);

		ApiClient.Response revoked = operator().post("/v1/users/" + id + "/revoke_sessions",
				Map.of("reason", "Lost phone"));
		assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.json().get("open_sessions").asInt()).isZero();
		assertThat(refresh(laptop.text("refresh_token")).status()).isEqualTo(401);
		assertThat(refresh(phone.text("refresh_token")).status()).isEqualTo(401);
		assertThat(
				this.jdbc.sql("select count(*) from security_audit where subject = ? and actor = ? and event_type = ?")
					.params(id, OPERATOR, "auth.session_revoked")
					.query(Long.class)
					.single())
			.isEqualTo(2);
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void onlyOperatorsWithASecondFactorActAndBadInputIsA400OrA404() {
		String email = signUp();
		String id = userId(email);
		ApiClient.Response user = api().withToken(login(email, PASSWORD).text("access_token"))
			.get("/v1/users?email=" + email);
		assertThat(user.status()).isEqualTo(403);
		String passwordOnly = TestTokens.get()
			.sign("usr_op_nomfa", List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5));
		ApiClient.Response withoutOtp = api().withToken(passwordOnly)
			.post("/v1/users/" + id + "/lock", Map.of("reason", "x"));
		assertThat(withoutOtp.status()).isEqualTo(403);
		assertThat(withoutOtp.text("code")).isEqualTo("mfa_required");
		ApiClient merchant = api().withToken(TestTokens.get().merchant(ResourceIds.next("mer")));
		assertThat(merchant.post("/v1/users/" + id + "/revoke_sessions", Map.of("reason", "x")).status())
			.isEqualTo(403);

		ApiClient.Response noEmail = operator().get("/v1/users");
		assertThat(noEmail.status()).isEqualTo(400);
		assertThat(noEmail.text("param")).isEqualTo("email");
		ApiClient.Response noReason = operator().post("/v1/users/" + id + "/lock", Map.of("reason", " "));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.text("param")).isEqualTo("reason");
		assertThat(operator().post("/v1/users/usr_nobody_here/lock", Map.of("reason", "x")).status()).isEqualTo(404);
		assertThat(operator().post("/v1/users/%3Cscript%3E/lock", Map.of("reason", "x")).status()).isEqualTo(404);
		assertThat(operator().get("/v1/users/" + ResourceIds.next("usr")).status()).isEqualTo(404);
		ApiClient.Response self = api().withToken(TestTokens.get().operator(id))
			.post("/v1/users/" + id + "/lock", Map.of("reason", "oops"));
		assertThat(self.status()).isEqualTo(409);
		assertThat(operator().get("/v1/users/" + id).json().get("locked").asBoolean()).isFalse();
	}

}
