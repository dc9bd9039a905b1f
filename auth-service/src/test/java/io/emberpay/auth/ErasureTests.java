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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code DELETE /v1/users/me}: after it, auth-service's database, its Kafka topic and its
 * log hold the user's e-mail nowhere, the account cannot log in, and every other service
 * is told by {@code user.erasure_requested}.
 */
@AuthServiceTest
@ExtendWith(OutputCaptureExtension.class)
class ErasureTests extends AuthApi {

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
	void erasureLeavesTheCanaryAddressNowhereAndEndsTheAccount(CapturedOutput output) {
		String canary = "canary-" + java.util.UUID.randomUUID() + "@example.com";
		assertThat(api().post("/v1/auth/signup", Map.of("email", canary, "password", PASSWORD)).status())
			.isEqualTo(201);
		String userId = this.jdbc.sql("select id from app_user where email = ?")
			.param(canary)
			.query(String.class)
			.single();
		ApiClient.Response session = login(canary, PASSWORD, "dev-canary-phone");
		ApiClient user = viaGateway().withToken(session.text("access_token"));
		viaGateway().post("/v1/auth/password/forgot", Map.of("email", canary));
		login(canary, "a wrong password for the throttle");

		ApiClient.Response erased = user.send("DELETE", "/v1/users/me", Map.of("password", PASSWORD), Map.of());

		assertThat(erased.status()).as(erased.body()).isEqualTo(202);
		assertThat(login(canary, PASSWORD).status()).isEqualTo(401);
		assertThat(api().post("/v1/auth/token", Map.of("refresh_token", session.text("refresh_token"))).status())
			.isEqualTo(401);
		assertThat(user.get("/v1/users/me").status()).isEqualTo(404);
		assertThat(tablesMentioning(canary)).isEmpty();
		// the append-only security_audit keeps the device ids its events named (a known
		// gap, see README)
		assertThat(tablesMentioning("dev-canary-phone")).as("devices are personal data too")
			.doesNotContain("user_device", "auth_session");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(events(userId, "user.erasure_requested")).hasSize(1));
		assertThat(events.raw()).noneMatch(record -> record.contains(canary));
		assertThat(output.getAll()).doesNotContain(canary);
		assertThat(asService("notification-service").get("/internal/v1/users/" + userId + "/contact").status())
			.isEqualTo(404);
		assertThat(api().post("/v1/auth/signup", Map.of("email", canary, "password", PASSWORD)).status())
			.as("the address is free again")
			.isEqualTo(201);
	}

	@Test
	void aWrongPasswordErasesNothingAndCountsAsAFailedLogin() {
		String email = signUp();
		ApiClient user = viaGateway().withToken(login(email, PASSWORD).text("access_token"));

		ApiClient.Response refused = user.send("DELETE", "/v1/users/me", Map.of("password", "not my password"),
				Map.of());
		ApiClient.Response missing = user.send("DELETE", "/v1/users/me", Map.of(), Map.of());

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.text("code")).isEqualTo("invalid_credentials");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.text("param")).isEqualTo("password");
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select failures from login_throttle where address_hash <> ''::bytea")
			.query(Integer.class)
			.list()).isNotEmpty();
	}

	/**
	 * Every table of auth-service's database with a row whose text contains the value.
	 */
	private List<String> tablesMentioning(String value) {
		List<String> tables = this.jdbc
			.sql("select tablename from pg_tables where schemaname = current_schema() order by tablename")
			.query(String.class)
			.list();
		return tables.stream()
			.filter(table -> this.jdbc.sql("select count(*) from \"" + table + "\" t where t::text ilike ?")
				.param("%" + value + "%")
				.query(Long.class)
				.single() > 0)
			.toList();
	}

	private static List<CloudEvent> events(String subject, String type) {
		return events.events(type).stream().filter(e -> subject.equals(e.subject())).toList();
	}

}
