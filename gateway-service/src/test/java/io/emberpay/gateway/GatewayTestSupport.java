package io.emberpay.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway for every test class (one Spring context), in front of stub services on
 * loopback: auth, payment, ledger, notification and subscription answer; fraud is down
 * (nothing listens on its port). Per-IP limits are high because every test calls from
 * 127.0.0.1; per-account limits are low, so tests use a fresh user each. The notification
 * route admits two requests at once, for the admission tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emberpay.gateway.rate-limits.per-ip.capacity=100000",
				"emberpay.gateway.rate-limits.per-principal.capacity=20",
				"emberpay.gateway.rate-limits.credentials.capacity=3",
				"emberpay.gateway.rate-limits.signup.capacity=1000", "emberpay.services.ledger.timeout=500ms",
				"emberpay.security.merchant-key-rejection-ttl=5s", "emberpay.security.revocation-poll-interval=200ms",
				"emberpay.security.verify-timeout=10s", "emberpay.gateway.cors.allowed-origins=https://app.example",
				"emberpay.gateway.admission.max-in-flight.notification=2", "logging.structured.format.console=" })
abstract class GatewayTestSupport {

	static final String MERCHANT_KEY = "sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc";

	static final String MERCHANT = "mer_stub";

	/** A key of a merchant pinned to the first API version, 2026-12-01. */
	static final String PINNED_MERCHANT_KEY = "sk_test_" + "pinnedToTheFirstVersion0000";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final StubService AUTH = StubService.start("auth");

	static final StubService PAYMENT = StubService.start("payment");

	static final StubService LEDGER = StubService.start("ledger");

	static final StubService NOTIFICATION = StubService.start("notification");

	static final StubService SUBSCRIPTION = StubService.start("subscription");
	static final StubService CONSOLE = StubService.start("console");

	/**
	 * The Authorization header of the last API key verification the gateway asked for.
	 */
	static final java.util.concurrent.atomic.AtomicReference<String> VERIFY_AUTHORIZATION = new java.util.concurrent.atomic.AtomicReference<>();

	static final String FRAUD_DOWN_URL = "http://127.0.0.1:" + unusedPort();

	static {
		AUTH.answer("/internal/v1/api_keys/verify", exchange -> {
			VERIFY_AUTHORIZATION.set(exchange.getRequestHeaders().getFirst("Authorization"));
			JsonNode request = readJson(exchange);
			if (MERCHANT_KEY.equals(request.path("api_key").asString())) {
				return StubService.Answer.json(200,
						JSON.writeValueAsString(Map.of("merchant", MERCHANT, "key_id", "key_stub", "livemode", false,
								"access_token", TestTokens.get().merchant(MERCHANT), "expires_in", 300)));
			}
			if (PINNED_MERCHANT_KEY.equals(request.path("api_key").asString())) {
				return StubService.Answer.json(200,
						JSON.writeValueAsString(Map.of("merchant", MERCHANT, "key_id", "key_pinned", "livemode", false,
								"access_token", TestTokens.get().merchant(MERCHANT), "expires_in", 300, "api_version",
								"2026-12-01")));
			}
			return StubService.Answer.problem(401, "unauthenticated");
		});
	}

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("emberpay.services.auth.url", AUTH::url);
		registry.add("emberpay.services.payment.url", PAYMENT::url);
		registry.add("emberpay.services.fraud.url", () -> FRAUD_DOWN_URL);
		registry.add("emberpay.services.ledger.url", LEDGER::url);
		registry.add("emberpay.services.notification.url", NOTIFICATION::url);
		registry.add("emberpay.services.subscription.url", SUBSCRIPTION::url);
		registry.add("emberpay.services.console.url", CONSOLE::url);
		registry.add("emberpay.security.jwks-uri", () -> TestTokens.get().jwksUri());
		registry.add("emberpay.service-identity.token-uri", () -> TestTokens.get().serviceTokenUri());
		registry.add("emberpay.service-identity.client-secret", () -> TestTokens.get().clientSecret());
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	ApiClient anonymous() {
		return new ApiClient(baseUrl());
	}

	/** A client with a valid token of a user no other test uses. */
	ApiClient freshUser() {
		return anonymous().withToken(TestTokens.get().user("usr_" + UUID.randomUUID().toString().replace("-", "")));
	}

	/** What the stub service received, from its echo. */
	static JsonNode forwarded(ApiClient.Response response) {
		return response.json().path("headers");
	}

	private static JsonNode readJson(HttpExchange exchange) {
		try {
			return JSON.readTree(exchange.getRequestBody().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
