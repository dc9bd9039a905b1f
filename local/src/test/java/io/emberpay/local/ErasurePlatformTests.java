package io.emberpay.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.emberpay.events.Topics;
import io.emberpay.local.demo.GatewayClient;
import io.emberpay.local.process.PlatformTopology;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.SharedPostgres;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21's closing check, through the gateway of the whole platform: a user with a
 * canary e-mail signs up, logs in from a device, saves a card and pays; the export holds
 * them; after {@code DELETE /v1/users/me} no service's database, no Kafka topic and no
 * service's log holds the canary address, later logins fail, and the ledger's integrity
 * check stays ok.
 */
class ErasurePlatformTests {

	private static final String PASSWORD = "a long canary passphrase 21";

	private static RunningPlatform platform;

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void afterErasureNoDatabaseTopicOrLogHoldsTheCanaryAndTheLedgerVerifies() throws Exception {
		GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
		PlatformFixture shop = PlatformFixture.create(platform.gatewayUrl());
		String canary = "canary-" + UUID.randomUUID() + "@e2e.test";
		String userId = gateway.post("/v1/auth/signup", Map.of("email", canary, "password", PASSWORD), null)
			.expect(201, "sign-up")
			.text("id");
		String token = gateway
			.post("/v1/auth/login", Map.of("email", canary, "password", PASSWORD, "device_id", "canary-phone"), null)
			.expect(200, "login")
			.text("access_token");
		String card = gateway
			.post("/v1/payment_methods",
					Map.of("type", "card", "card",
							Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2034, "cvc", "123")),
					token)
			.expect(201, "card")
			.text("id");
		String payment = gateway
			.postOnce("/v1/payments", Map.of("amount", 1500, "currency", "USD", "merchant", shop.merchantId(),
					"payment_method", card, "capture_method", "automatic"), token)
			.expect(201, "payment")
			.text("id");

		GatewayClient.Reply export = await().atMost(Duration.ofSeconds(60))
			.until(() -> gateway.get("/v1/users/me/export", token), reply -> reply.status() == 200);
		assertThat(export.json().path("auth").path("email").asString()).isEqualTo(canary);
		assertThat(export.body()).contains(payment).doesNotContain("4242424242424242");

		gateway.send("DELETE", "/v1/users/me", Map.of("password", PASSWORD), token, null).expect(202, "erasure");

		assertThat(gateway.post("/v1/auth/login", Map.of("email", canary, "password", PASSWORD), null).status())
			.isEqualTo(401);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(databasesMentioning(canary)).isEmpty());
		List<TopicReader> readers = Topics.ALL.stream().map(TopicReader::new).toList();
		try {
			TopicReader auth = readers.get(Topics.ALL.indexOf(Topics.AUTH));
			TopicReader payments = readers.get(Topics.ALL.indexOf(Topics.PAYMENTS));
			// every reader started from the beginning together: once these two have
			// reached
			// the test's own last records, the others have had as long
			await().atMost(Duration.ofSeconds(60))
				.until(() -> auth.events("user.erasure_requested").stream().anyMatch(e -> userId.equals(e.subject()))
						&& payments.raw().stream().anyMatch(record -> record.contains(payment)));
			for (TopicReader reader : readers) {
				assertThat(reader.raw()).noneMatch(record -> record.contains(canary));
			}
		}
		finally {
			readers.forEach(TopicReader::close);
		}
		assertThat(logsMentioning(canary)).isEmpty();
		ApiClient.Response integrity = new ApiClient(platform.topology().service("ledger").url())
			.withToken(platform.checkToken("ledger-service"))
			.get("/internal/v1/integrity");
		assertThat(integrity.status()).isEqualTo(200);
		assertThat(integrity.json().get("ok").asBoolean()).as(integrity.body()).isTrue();
	}

	/**
	 * database.table of every row, in every service's database, whose text holds the
	 * value.
	 */
	private static List<String> databasesMentioning(String value) throws SQLException {
		SharedPostgres postgres = SharedPostgres.get();
		List<String> found = new ArrayList<>();
		for (String database : PlatformTopology.DATABASES) {
			try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
					postgres.password())) {
				List<String> tables = new ArrayList<>();
				try (ResultSet rs = connection.createStatement()
					.executeQuery("select schemaname || '.' || tablename from pg_tables"
							+ " where schemaname not in ('pg_catalog', 'information_schema')")) {
					while (rs.next()) {
						tables.add(rs.getString(1));
					}
				}
				for (String table : tables) {
					try (PreparedStatement statement = connection
						.prepareStatement("select count(*) from " + table + " t where t::text ilike ?")) {
						statement.setString(1, "%" + value + "%");
						try (ResultSet rs = statement.executeQuery()) {
							if (rs.next() && rs.getLong(1) > 0) {
								found.add(database + "." + table);
							}
						}
					}
				}
			}
		}
		return found;
	}

	private static List<String> logsMentioning(String value) throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(platform.logs())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				if (new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(value)) {
					found.add(file.getFileName().toString());
				}
			}
		}
		return found;
	}

}
