package io.emberpay.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Failed logins are delayed, then locked per client address, identically for known and
 * unknown emails; devices, audit rows and auth.events records follow every security
 * event.
 */
@AuthServiceTest
class LoginProtectionTests extends AuthApi {

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
	void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
		String email = signUp();
		ApiClient.Response wrongPassword = login(email, "not the password at all");
		ApiClient.Response unknownEmail = login(uniqueEmail(), "not the password at all");
		assertThat(wrongPassword.status()).isEqualTo(401).isEqualTo(unknownEmail.status());
		assertThat(wrongPassword.text("code")).isEqualTo("invalid_credentials").isEqualTo(unknownEmail.text("code"));
		assertThat(wrongPassword.text("detail")).isEqualTo(unknownEmail.text("detail"));
	}

	@Test
	void delaysAttemptsProgressivelyThenLocksForThirtyMinutes() {
		String email = signUp();
		int failures = failUntilLocked(email);
		assertThat(failures).isEqualTo(10);

		ApiClient.Response locked = login(email, PASSWORD);
		assertThat(locked.status()).as("even the right password is refused while locked").isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("account_locked");
		assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(Duration.ofMinutes(29).toSeconds(),
				Duration.ofMinutes(30).toSeconds());

		String userId = this.jdbc.sql("select id from app_user where email = ?")
			.param(email)
			.query(String.class)
			.single();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(events(userId, "auth.account_locked")).hasSize(1));
		assertThat(this.jdbc.sql("select count(*) from security_audit where subject = ? and event_type = ?")
			.params(userId, "auth.login_failed")
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(10);
	}

	@Test
	@Tag("security")
	void guessesFromOneAddressNeverLockTheUserOutFromAnother() {
		String email = signUp();
		ApiClient usual = viaGateway().withHeader("X-Client-Ip", "198.51.100.20");
		assertThat(usual.post("/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
		ApiClient attacker = viaGateway().withHeader("X-Client-Ip", "203.0.113.66");
		assertThat(failUntilLocked(attacker, email)).isEqualTo(10);
		ApiClient.Response attackerLocked = attacker.post("/v1/auth/login",
				Map.of("email", email, "password", PASSWORD));
		assertThat(attackerLocked.status()).isEqualTo(429);
		assertThat(attackerLocked.text("code")).isEqualTo("account_locked");

		ApiClient.Response user = usual.post("/v1/auth/login", Map.of("email", email, "password", PASSWORD));
		assertThat(user.status()).as(user.body()).isEqualTo(200);
		// a new address of the user's is only slowed down by the guesses elsewhere, never
		// locked
		ApiClient travelling = viaGateway().withHeader("X-Client-Ip", "198.51.100.21");
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(
					travelling.post("/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status())
				.isEqualTo(200));
	}

	@Test
	@Tag("security")
	void guessesFromManyAddressesSlowDownNewAddressesButNotOnesTheUserLoggedInFrom() {
		String email = signUp();
		ApiClient usual = viaGateway().withHeader("X-Client-Ip", "198.51.100.30");
		assertThat(usual.post("/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
		for (int i = 1; i <= 6; i++) {
			ApiClient.Response wrong = viaGateway().withHeader("X-Client-Ip", "203.0.113." + (100 + i))
				.post("/v1/auth/login", Map.of("email", email, "password", "wrong password " + i));
			assertThat(wrong.status()).isEqualTo(401);
		}

		ApiClient.Response fresh = viaGateway().withHeader("X-Client-Ip", "203.0.113.200")
			.post("/v1/auth/login", Map.of("email", email, "password", PASSWORD));
		assertThat(fresh.status()).as("a new address waits").isEqualTo(429);
		assertThat(fresh.text("code")).isEqualTo("login_throttled");
		assertThat(fresh.header("Retry-After")).isNotNull();
		assertThat(usual.post("/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status())
			.as("the user's usual address does not")
			.isEqualTo(200);
	}

	@Test
	void unknownEmailLocksExactlyLikeAKnownOne() {
		String email = uniqueEmail();
		assertThat(failUntilLocked(email)).isEqualTo(10);
		ApiClient.Response locked = login(email, PASSWORD);
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("account_locked");
	}

	@Test
	void thirdFailureMakesTheNextAttemptWait() {
		String email = signUp();
		for (int i = 0; i < 3; i++) {
			assertThat(login(email, "wrong password number " + i).status()).isEqualTo(401);
		}
		ApiClient.Response throttled = login(email, PASSWORD);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.text("code")).isEqualTo("login_throttled");
		assertThat(throttled.header("Retry-After")).isNotNull();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(login(email, PASSWORD).status()).isEqualTo(200));
		assertThat(login(email, "wrong again").status()).as("a success resets the count").isEqualTo(401);
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aNewDeviceIsRecordedAndAnnouncedOnce() {
		String email = signUp();
		assertThat(login(email, PASSWORD, "dev-phone-1").status()).isEqualTo(200);
		assertThat(login(email, PASSWORD, "dev-phone-1").status()).isEqualTo(200);
		assertThat(login(email, PASSWORD, "dev-tablet-2").status()).isEqualTo(200);
		String userId = this.jdbc.sql("select id from app_user where email = ?")
			.param(email)
			.query(String.class)
			.single();

		List<String> devices = this.jdbc.sql("select device_id from user_device where user_id = ? order by device_id")
			.param(userId)
			.query(String.class)
			.list();
		assertThat(devices).containsExactly("dev-phone-1", "dev-tablet-2");
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(events(userId, "auth.device_added")).hasSize(2);
			assertThat(events(userId, "auth.login_succeeded")).hasSize(3);
		});
		CloudEvent added = events(userId, "auth.device_added").get(0);
		assertThat(added.data().get("device_fingerprint_hash").asString()).hasSize(64).doesNotContain("fp-dev");
		assertThat(events.raw()).noneMatch(record -> record.contains(PASSWORD));

		ApiClient user = api().withToken(login(email, PASSWORD, "dev-phone-1").text("access_token"));
		ApiClient.Response listed = user.get("/v1/users/me/devices");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json().get("data").size()).isEqualTo(2);
		assertThat(listed.body()).doesNotContain("fingerprint");
		assertThat(user.delete("/v1/users/me/devices/dev-tablet-2").status()).isEqualTo(204);
		assertThat(user.delete("/v1/users/me/devices/dev-tablet-2").status()).isEqualTo(404);
		ApiClient stranger = api().withToken(login(signUp(), PASSWORD).text("access_token"));
		assertThat(stranger.delete("/v1/users/me/devices/dev-phone-1").status()).as("only the user's own devices")
			.isEqualTo(404);
		assertThat(stranger.get("/v1/users/me/devices").json().get("data").size()).isZero();
	}

	@Test
	void signUpIsAuditedAndPublished() {
		String email = signUp();
		String userId = this.jdbc.sql("select id from app_user where email = ?")
			.param(email)
			.query(String.class)
			.single();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(events(userId, "auth.user_signed_up")).hasSize(1));
		var row = this.jdbc
			.sql("select outcome, origin, event_id from security_audit where subject = ?"
					+ " and event_type = 'auth.user_signed_up'")
			.param(userId)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
			.single();
		assertThat(row.get(0)).isEqualTo("success");
		assertThat(row.get(1)).isNotBlank();
		assertThat(events(userId, "auth.user_signed_up").get(0).id()).isEqualTo(row.get(2));
	}

	@Test
	void auditRowsCannotBeChangedOrDeleted() {
		signUp();
		assertThatThrownBy(() -> this.jdbc.sql("update security_audit set outcome = 'success'").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("delete from security_audit").update())
			.hasMessageContaining("append-only");
	}

	@Test
	void clientIpFromTheGatewayIsTheAuditedOrigin() {
		String email = uniqueEmail();
		ApiClient.Response response = viaGateway().withHeader("X-Client-Ip", "203.0.113.7")
			.post("/v1/auth/signup", Map.of("email", email, "password", PASSWORD));
		assertThat(response.status()).isEqualTo(201);
		assertThat(this.jdbc
			.sql("select origin from security_audit where subject = ? and event_type = 'auth.user_signed_up'")
			.param(response.text("id"))
			.query(String.class)
			.single()).isEqualTo("203.0.113.7");
	}

	@Test
	@Tag("security")
	void clientIpFromAnyoneButTheGatewayIsNotBelieved() {
		String email = uniqueEmail();
		ApiClient.Response response = api().withHeader("X-Client-Ip", "203.0.113.8")
			.withHeader("Emberpay-Edge-Token", serviceToken("payment-service", "auth-service"))
			.post("/v1/auth/signup", Map.of("email", email, "password", PASSWORD));
		assertThat(response.status()).isEqualTo(201);
		assertThat(this.jdbc
			.sql("select origin from security_audit where subject = ? and event_type = 'auth.user_signed_up'")
			.param(response.text("id"))
			.query(String.class)
			.single()).isNotEqualTo("203.0.113.8");
	}

	/** Fails logins, waiting out each progressive delay, until the login locks. */
	private int failUntilLocked(String email) {
		return failUntilLocked(api(), email);
	}

	private int failUntilLocked(ApiClient client, String email) {
		for (int failures = 0; failures < 15; failures++) {
			String wrong = "wrong password " + failures;
			ApiClient.Response response = await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> client.post("/v1/auth/login", Map.of("email", email, "password", wrong)),
						r -> r.status() != 429 || "account_locked".equals(r.text("code")));
			if (response.status() == 429) {
				return failures;
			}
			assertThat(response.status()).isEqualTo(401);
		}
		return -1;
	}

	private static List<CloudEvent> events(String subject, String type) {
		return events.events(type).stream().filter(e -> subject.equals(e.subject())).toList();
	}

}
