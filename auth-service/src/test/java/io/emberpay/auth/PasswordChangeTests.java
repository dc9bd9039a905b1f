package io.emberpay.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.auth.totp.Authenticator;
import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/users/me/password}: the current password is a throttled credential, MFA
 * users need a code, the new password follows the sign-up rules, and a change ends every
 * session; each outcome is audited and published.
 */
@AuthServiceTest
class PasswordChangeTests extends AuthApi {

	private static final String PATH = "/v1/users/me/password";

	private static final String NEW_PASSWORD = "a brand new passphrase 42";

	private static TopicReader events;

	@Autowired
	private JdbcClient jdbc;

	@BeforeAll
	static void readEvents() {
		events = new TopicReader(Topics.AUTH);
	}

	@AfterAll
	static void stopReading() {
		events.close();
	}

	@Test
	void changeReplacesThePasswordAndEndsEverySession() {
		String email = signUp();
		ApiClient.Response phone = login(email, PASSWORD);
		ApiClient.Response tablet = login(email, PASSWORD);
		ApiClient user = viaGateway().withToken(phone.text("access_token")).withHeader("X-Client-Ip", "198.51.100.23");

		ApiClient.Response changed = user.post(PATH, change(PASSWORD, NEW_PASSWORD));

		assertThat(changed.status()).as(changed.body()).isEqualTo(204);
		assertThat(changed.body()).isEmpty();
		ApiClient.Response old = login(email, PASSWORD);
		assertThat(old.status()).isEqualTo(401);
		assertThat(old.text("code")).isEqualTo("invalid_credentials");
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
		for (ApiClient.Response session : List.of(phone, tablet)) {
			ApiClient.Response refreshed = refresh(session.text("refresh_token"));
			assertThat(refreshed.status()).as("every device is logged out").isEqualTo(401);
			assertThat(refreshed.text("code")).isEqualTo("invalid_refresh_token");
		}
		String userId = userId(email);
		assertThat(this.jdbc
			.sql("select count(*) from auth_session where user_id = ? and revoke_reason = 'password_changed'")
			.param(userId)
			.query(Long.class)
			.single()).isEqualTo(2);

		var audit = this.jdbc
			.sql("select outcome, origin, event_id, detail::text from security_audit where subject = ?"
					+ " and event_type = 'auth.password_changed'")
			.param(userId)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.single();
		assertThat(audit.get(0)).isEqualTo("success");
		assertThat(audit.get(1)).isEqualTo("198.51.100.23");
		assertThat(audit.get(3)).doesNotContain(PASSWORD).doesNotContain(NEW_PASSWORD);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(events(userId, "auth.password_changed")).hasSize(1));
		CloudEvent event = events(userId, "auth.password_changed").get(0);
		assertThat(event.id()).isEqualTo(audit.get(2));
		assertThat(event.data().get("sessions_revoked").asInt()).isEqualTo(2);
		assertThat(event.data().get("amr").toString()).contains("pwd");
		assertThat(events.raw()).noneMatch(record -> record.contains(PASSWORD) || record.contains(NEW_PASSWORD));
	}

	@Test
	void wrongCurrentPasswordIsAFailedLoginUntilTheAccountLocks() {
		String email = signUp();
		ApiClient user = user(email);

		ApiClient.Response wrong = user.post(PATH, change("not the password at all", NEW_PASSWORD));
		ApiClient.Response failedLogin = login(email, "not the password at all");
		assertThat(wrong.status()).isEqualTo(401).isEqualTo(failedLogin.status());
		assertThat(wrong.text("code")).isEqualTo("invalid_credentials").isEqualTo(failedLogin.text("code"));
		assertThat(wrong.text("detail")).isEqualTo(failedLogin.text("detail"));
		assertThat(wrong.text("param")).isNull();

		int failures = 2;
		for (; failures < 15; failures++) {
			String guess = "wrong password " + failures;
			ApiClient.Response response = await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> user.post(PATH, change(guess, NEW_PASSWORD)),
						r -> r.status() != 429 || "account_locked".equals(r.text("code")));
			if (response.status() == 429) {
				break;
			}
			assertThat(response.status()).isEqualTo(401);
		}
		assertThat(failures).as("password changes and logins share one count of 10").isEqualTo(10);

		ApiClient.Response locked = user.post(PATH, change(PASSWORD, NEW_PASSWORD));
		assertThat(locked.status()).as("even the right password is refused while locked").isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("account_locked");
		assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(Duration.ofMinutes(29).toSeconds(),
				Duration.ofMinutes(30).toSeconds());
		assertThat(login(email, PASSWORD).text("code")).isEqualTo("account_locked");
		assertThat(login(email, NEW_PASSWORD).status()).as("the password was not changed").isEqualTo(429);
		String userId = userId(email);
		assertThat(this.jdbc
			.sql("select count(*) from security_audit where subject = ? and event_type = 'auth.password_change_failed'"
					+ " and outcome = 'failure' and detail ->> 'reason' = 'bad_credentials'")
			.param(userId)
			.query(Long.class)
			.single()).isEqualTo(9);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(events(userId, "auth.account_locked")).hasSize(1);
			assertThat(events(userId, "auth.password_change_failed")).extracting(e -> e.data().get("reason").asString())
				.contains("bad_credentials", "account_locked");
		});
	}

	@Test
	void mfaUserNeedsAFreshCodeThatWorksOnce() {
		String email = signUp();
		ApiClient user = user(email);
		Enrolled enrolled = enrollTotp(user);
		Authenticator authenticator = enrolled.authenticator();
		long activationStep = enrolled.activationStep();

		ApiClient.Response missing = user.post(PATH, change(PASSWORD, NEW_PASSWORD));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.text("code")).isEqualTo("mfa_code_required");
		assertThat(missing.text("param")).isEqualTo("mfa_code");

		// the activation spent the current step's code
		ApiClient.Response replayed = user.post(PATH,
				change(PASSWORD, NEW_PASSWORD, authenticator.codeAt(activationStep)));
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.text("code")).isEqualTo("mfa_verification_failed");
		assertThat(replayed.text("param")).isEqualTo("mfa_code");

		String fresh = authenticator.codeAt(activationStep + 1);
		ApiClient.Response changed = user.post(PATH, change(PASSWORD, NEW_PASSWORD, fresh));
		assertThat(changed.status()).as(changed.body()).isEqualTo(204);

		ApiClient.Response again = user.post(PATH, change(NEW_PASSWORD, "yet another passphrase 7", fresh));
		assertThat(again.status()).as("a code that worked once is refused").isEqualTo(401);
		assertThat(again.text("code")).isEqualTo("mfa_verification_failed");
		ApiClient.Response second = login(email, NEW_PASSWORD);
		assertThat(second.json().get("mfa_required").asBoolean()).isTrue();
		String userId = userId(email);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(events(userId, "auth.password_changed")).hasSize(1);
			assertThat(events(userId, "auth.password_changed").get(0).data().get("amr").toString()).contains("otp");
		});
	}

	@Test
	void mfaUserMayUseARecoveryCodeOnce() {
		String email = signUp();
		ApiClient user = user(email);
		List<String> recoveryCodes = enrollTotp(user).recoveryCodes();

		assertThat(user.post(PATH, change(PASSWORD, NEW_PASSWORD, recoveryCodes.get(0))).status()).isEqualTo(204);
		assertThat(user.post(PATH, change(NEW_PASSWORD, PASSWORD, recoveryCodes.get(0))).status()).isEqualTo(401);
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "short", "password1234", "Qwertyuiop123", "aaaaaaaaaaaaaaaa" })
	void weakNewPasswordsAreRefusedAndChangeNothing(String weak) {
		String email = signUp();
		ApiClient.Response response = user(email).post(PATH, change(PASSWORD, weak));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("weak_password");
		assertThat(response.text("param")).isEqualTo("new_password");
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void newPasswordsOutsideTheLengthRangeAreRefused() {
		ApiClient user = user(signUp());
		for (String password : List.of("elevenchars", "long passphrase ".repeat(9), "x".repeat(200_000))) {
			ApiClient.Response response = user.post(PATH, change(PASSWORD, password));
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.text("param")).isEqualTo("new_password");
		}
	}

	@Test
	void newPasswordMustDifferFromTheCurrentOne() {
		String email = signUp();
		ApiClient.Response response = user(email).post(PATH, change(PASSWORD, PASSWORD));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("password_unchanged");
		assertThat(response.text("param")).isEqualTo("new_password");
		assertThat(this.jdbc
			.sql("select count(*) from security_audit where subject = ? and event_type = 'auth.password_change_failed'"
					+ " and detail ->> 'reason' = 'password_unchanged'")
			.param(userId(email))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void badBodiesAreProblemsNamingTheField() {
		ApiClient user = user(signUp());
		assertProblem(user.post(PATH, Map.of("new_password", NEW_PASSWORD)), "current_password");
		assertProblem(user.post(PATH, Map.of("current_password", PASSWORD)), "new_password");
		assertProblem(user.post(PATH, "{\"current_password\": {\"x\": 1}, \"new_password\": \"" + NEW_PASSWORD + "\"}"),
				"current_password");
		assertProblem(user.post(PATH, "{\"current_password\": \"" + PASSWORD + "\", \"new_password\": [1, 2]}"),
				"new_password");
		assertProblem(user.post(PATH, change(PASSWORD, NEW_PASSWORD, "<script>")), "mfa_code");
		Map<String, Object> escalating = new HashMap<>(change(PASSWORD, NEW_PASSWORD));
		escalating.put("user_id", "usr_someone_else");
		assertProblem(user.post(PATH, escalating), "user_id");
		assertProblem(user.post(PATH, change("x".repeat(200_000), NEW_PASSWORD)), "current_password");

		ApiClient.Response malformed = user.post(PATH, "{\"current_password\": \"" + PASSWORD + "\", ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(malformed.text("code")).isEqualTo("malformed_json");
		assertThat(user.post(PATH, "").status()).isEqualTo(400);
	}

	@Test
	void onlyTheSignedInUserChangesTheirPassword() {
		ApiClient.Response anonymous = api().post(PATH, change(PASSWORD, NEW_PASSWORD));
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.text("code")).isEqualTo("unauthenticated");
		for (String token : List.of(TestTokens.get().merchant("mer_someone"), TestTokens.get().user("usr_nobody"))) {
			ApiClient caller = api().withToken(token);
			assertThat(caller.post(PATH, change(PASSWORD, NEW_PASSWORD)).status())
				.isEqualTo(caller.get("/v1/users/me").status())
				.isEqualTo(404);
		}
	}

	private ApiClient user(String email) {
		ApiClient.Response login = login(email, PASSWORD);
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		return api().withToken(login.text("access_token"));
	}

	/** Enrolls and activates TOTP with the current step's code. */
	private Enrolled enrollTotp(ApiClient user) {
		Authenticator authenticator = new Authenticator(user.post("/v1/auth/mfa/totp", null).text("secret"));
		long step = Authenticator.currentStep();
		ApiClient.Response activated = user.post("/v1/auth/mfa/totp/activate",
				Map.of("code", authenticator.codeAt(step)));
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		List<String> recoveryCodes = new ArrayList<>();
		activated.json().get("recovery_codes").forEach(node -> recoveryCodes.add(node.asString()));
		return new Enrolled(authenticator, step, recoveryCodes);
	}

	private ApiClient.Response refresh(String refreshToken) {
		return api().post("/v1/auth/token", Map.of("refresh_token", refreshToken));
	}

	private String userId(String email) {
		return this.jdbc.sql("select id from app_user where email = ?").param(email).query(String.class).single();
	}

	private static Map<String, Object> change(String current, String next) {
		return Map.of("current_password", current, "new_password", next);
	}

	private static Map<String, Object> change(String current, String next, String mfaCode) {
		return Map.of("current_password", current, "new_password", next, "mfa_code", mfaCode);
	}

	private static void assertProblem(ApiClient.Response response, String param) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text("param")).isEqualTo(param);
	}

	private static List<CloudEvent> events(String subject, String type) {
		return events.events(type).stream().filter(e -> subject.equals(e.subject())).toList();
	}

	private record Enrolled(Authenticator authenticator, long activationStep, List<String> recoveryCodes) {
	}

}
