package io.emberpay.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.emberpay.events.EventCodec;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/users/me/export}: auth-service's own records plus each service's part,
 * fetched with a service token for that service (the services here are real HTTP servers
 * on loopback answering like theirs); one missing part fails the whole export.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ActiveProfiles("test")
class PersonalDataExportTests extends AuthApi {

	private static final HttpServer SERVICES = start();

	/** What each stubbed service answers, by service name; absent answers 503. */
	private static final Map<String, String> PARTS = new ConcurrentHashMap<>();

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		String base = "http://127.0.0.1:" + SERVICES.getAddress().getPort();
		for (String service : new String[] { "payment-service", "fraud-service", "notification-service",
				"subscription-service" }) {
			registry.add("emberpay.auth.personal-data.sources." + service, () -> base + "/" + service);
		}
	}

	@AfterAll
	static void stop() {
		SERVICES.stop(0);
	}

	@Test
	void exportHoldsTheAccountAndEveryServicesPart() {
		String email = signUp();
		ApiClient.Response session = login(email, PASSWORD, "dev-export-phone");
		PARTS.put("payment-service", "{\"payments\":[{\"id\":\"pay_1\",\"amount\":1999}]}");
		PARTS.put("fraud-service", "{\"payment_attempts\":[]}");
		PARTS.put("notification-service", "{\"email_on_file\":\"" + email + "\"}");
		PARTS.put("subscription-service", "{\"subscriptions\":[]}");

		ApiClient.Response export = api().withToken(session.text("access_token")).get("/v1/users/me/export");

		assertThat(export.status()).as(export.body()).isEqualTo(200);
		JsonNode body = export.json();
		assertThat(body.get("auth").get("email").asString()).isEqualTo(email);
		assertThat(body.get("auth").get("devices").get(0).get("device_id").asString()).isEqualTo("dev-export-phone");
		assertThat(body.get("auth").get("security_events").size()).isGreaterThanOrEqualTo(2);
		assertThat(body.get("payment").get("payments").get(0).get("amount").asLong()).isEqualTo(1999);
		assertThat(body.get("notification").get("email_on_file").asString()).isEqualTo(email);
		assertThat(body.has("fraud")).isTrue();
		assertThat(body.has("subscription")).isTrue();
		assertThat(export.body()).doesNotContain("password_hash").doesNotContain("$argon2");
	}

	@Test
	void aServiceThatDoesNotAnswerMakesTheExportA503() {
		String email = signUp();
		String token = login(email, PASSWORD).text("access_token");
		PARTS.put("payment-service", "{}");
		PARTS.put("fraud-service", "{}");
		PARTS.put("notification-service", "{}");
		PARTS.remove("subscription-service");

		ApiClient.Response export = api().withToken(token).get("/v1/users/me/export");

		assertThat(export.status()).isEqualTo(503);
		assertThat(export.header("Retry-After")).isNotNull();
		PARTS.put("subscription-service", "{}");
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", PersonalDataExportTests::answer);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code /<service>/internal/v1/users/{id}/personal_data}, for auth-service's token
	 * only.
	 */
	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String[] path = exchange.getRequestURI().getPath().split("/");
			String service = path[1];
			String part = PARTS.get(service);
			int status = (part == null) ? 503 : 200;
			if (!path[path.length - 1].equals("personal_data")
					|| !tokenFor(exchange.getRequestHeaders().getFirst("Authorization"), service)) {
				status = 401;
			}
			byte[] bytes = ((status == 200) ? part : "{}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private static boolean tokenFor(String authorization, String audience) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		String[] parts = authorization.substring(7).split("\\.");
		JsonNode claims = EventCodec.json()
			.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
		return "auth-service".equals(claims.path("sub").asString()) && claims.path("aud").toString().contains(audience);
	}

}
