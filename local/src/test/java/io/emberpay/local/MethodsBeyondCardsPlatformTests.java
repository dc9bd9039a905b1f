package io.emberpay.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.emberpay.local.demo.GatewayClient;
import io.emberpay.local.demo.WebhookReceiver;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 22's payment methods end to end through the gateway, the PSP simulator's signed
 * webhooks and every service: a 3-D Secure challenge card goes {@code requires_action}
 * then {@code succeeded}; an Apple Pay test token pays; a SEPA debit goes
 * {@code processing} then {@code succeeded} when the simulated bank settles it, and
 * another fails with a return code and its ledger entries are reversed; the merchant's
 * webhook arrives for each step, and the ledger still balances.
 */
class MethodsBeyondCardsPlatformTests {

	private static RunningPlatform platform;

	private static GatewayClient gateway;

	private static WebhookReceiver receiver;

	private static String merchant;

	private static String apiKey;

	private static String token;

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = RunningPlatform.get();
		gateway = new GatewayClient(platform.gatewayUrl());
		receiver = WebhookReceiver.start();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		JsonNode shop = gateway
			.post("/v1/merchants", Map.of("name", "Methods Shop " + suffix, "email", "methods-" + suffix + "@e2e.test"),
					null)
			.expect(201, "merchant sign-up")
			.json();
		merchant = shop.path("id").asString();
		apiKey = shop.path("api_key").asString();
		gateway
			.post("/v1/webhook_endpoints",
					Map.of("url", receiver.url(), "events",
							List.of("payment.requires_action", "payment.succeeded", "payment.failed")),
					apiKey)
			.expect(201, "webhook endpoint");
		String email = "methods-" + suffix + "@e2e.test";
		String password = "a long methods password " + suffix;
		gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null).expect(201, "sign-up");
		token = gateway
			.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", "methods-" + suffix),
					null)
			.expect(200, "login")
			.text("access_token");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void threeDSecureChallengeCardRequiresActionThenSucceeds() {
		String card = save(Map.of("type", "card", "card",
				Map.of("number", "4000002760003184", "exp_month", 12, "exp_year", 2034, "cvc", "123")));
		JsonNode payment = pay(card, "USD", 2500, "https://shop.example/return", 201);
		assertThat(payment.path("status").asString()).isEqualTo("requires_action");
		String url = payment.path("next_action").path("redirect_to_url").path("url").asString();
		String id = payment.path("id").asString();
		awaitMerchantWebhook("payment.requires_action", id);

		// the cardholder passes the issuer's challenge in the browser
		ApiClient.Response passed = new ApiClient(url.substring(0, url.indexOf("/", "http://".length()))).send("POST",
				url.substring(url.indexOf("/", "http://".length())) + "?result=pass", null, Map.of());
		assertThat(passed.status()).as(passed.body()).isEqualTo(303);

		awaitStatus(id, "succeeded");
		awaitMerchantWebhook("payment.succeeded", id);
	}

	@Test
	void applePayTestTokenPays() {
		String wallet = save(Map.of("type", "apple_pay", "apple_pay", Map.of("token", Map.of("paymentData",
				Map.of("version", "EC_v1", "data", "ZW1iZXJwYXktdGVzdC10b2tlbg==", "signature", "c2lnbmF0dXJl",
						"header",
						Map.of("ephemeralPublicKey", "a2V5", "publicKeyHash", "aGFzaA==", "transactionId", "0a1b2c3d")),
				"paymentMethod", Map.of("displayName", "Visa 4242", "network", "Visa", "type", "debit"),
				"transactionIdentifier", "0A1B2C3D"))));

		JsonNode payment = pay(wallet, "USD", 1800, null, 201);

		assertThat(payment.path("status").asString()).isEqualTo("succeeded");
		awaitMerchantWebhook("payment.succeeded", payment.path("id").asString());
	}

	@Test
	void sepaDebitSettlesAndAReturnedOneIsReversedInTheLedger() throws Exception {
		String debit = save(Map.of("type", "sepa_debit", "sepa_debit",
				Map.of("iban", "DE89370400440532013000", "account_holder_name", "Jenny Rosen"), "mandate",
				Map.of("accepted_at", "2026-12-01T10:00:00Z", "ip", "198.51.100.7", "user_agent", "E2E/1.0")));

		JsonNode settled = pay(debit, "EUR", 4200, null, 202);
		assertThat(settled.path("status").asString()).isEqualTo("processing");
		bank("settle", settled.path("id").asString(), null);
		awaitStatus(settled.path("id").asString(), "succeeded");
		awaitMerchantWebhook("payment.succeeded", settled.path("id").asString());
		long eurAfterFirst = awaitEurBalance(p -> p > 0);

		JsonNode returned = pay(debit, "EUR", 3000, null, 202);
		bank("settle", returned.path("id").asString(), null);
		awaitStatus(returned.path("id").asString(), "succeeded");
		awaitEurBalance(p -> p > eurAfterFirst);
		bank("return", returned.path("id").asString(), "AM04");

		JsonNode failed = awaitStatus(returned.path("id").asString(), "failed");
		assertThat(failed.path("failure_code").asString()).isEqualTo("insufficient_funds");
		awaitMerchantWebhook("payment.failed", returned.path("id").asString());
		assertThat(awaitEurBalance(p -> p == eurAfterFirst)).as("the return's ledger entries are reversed")
			.isEqualTo(eurAfterFirst);
		ApiClient.Response integrity = new ApiClient(platform.topology().service("ledger").url())
			.withToken(platform.checkToken("ledger-service"))
			.get("/internal/v1/integrity");
		assertThat(integrity.json().get("ok").asBoolean()).as(integrity.body()).isTrue();
	}

	private static String save(Map<String, Object> method) {
		return gateway.post("/v1/payment_methods", method, token).expect(201, "payment method").text("id");
	}

	private static JsonNode pay(String paymentMethod, String currency, long amount, String returnUrl, int status) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("amount", amount, "currency", currency, "merchant",
				merchant, "payment_method", paymentMethod, "capture_method", "automatic"));
		if (returnUrl != null) {
			body.put("return_url", returnUrl);
		}
		return gateway.postOnce("/v1/payments", body, token).expect(status, "payment").json();
	}

	/**
	 * Plays the bank behind the simulated acquirer that holds the payment's debit (found
	 * by the payment's authorization key).
	 */
	private static void bank(String action, String paymentId, String code) {
		ApiClient simulator = new ApiClient(platform.topology().service("psp-simulator").url());
		for (String psp : List.of("psp-a", "psp-b")) {
			ApiClient.Response found = simulator
				.get("/" + psp + "/v1/authorizations?idempotency_key=" + paymentId + ".authorize");
			if (found.status() == 200) {
				ApiClient.Response done = simulator.post("/admin/" + psp + "/debits/" + found.text("id") + "/" + action,
						(code == null) ? null : Map.of("code", code));
				assertThat(done.status()).as(done.body()).isEqualTo(200);
				return;
			}
		}
		throw new AssertionError("no acquirer holds the debit of " + paymentId);
	}

	private static JsonNode awaitStatus(String paymentId, String status) {
		AtomicReference<JsonNode> payment = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			payment.set(gateway.get("/v1/payments/" + paymentId, token).expect(200, "payment").json());
			return status.equals(payment.get().path("status").asString());
		});
		return payment.get();
	}

	private static void awaitMerchantWebhook(String type, String paymentId) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> receiver.deliveries()
				.stream()
				.anyMatch(d -> d.body().contains("\"" + type + "\"") && d.body().contains(paymentId)));
	}

	private static long awaitEurBalance(java.util.function.LongPredicate condition) {
		AtomicReference<Long> pending = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			long total = 0;
			// pending and available together: the local platform makes funds available
			// after a few seconds, and the return takes back from whichever holds them
			JsonNode balance = gateway.get("/v1/balance", apiKey).expect(200, "balance").json();
			for (String state : List.of("pending", "available")) {
				for (JsonNode amount : balance.path(state)) {
					if ("EUR".equals(amount.path("currency").asString())) {
						total += amount.path("amount").asLong();
					}
				}
			}
			pending.set(total);
			return condition.test(total);
		});
		return pending.get();
	}

}
