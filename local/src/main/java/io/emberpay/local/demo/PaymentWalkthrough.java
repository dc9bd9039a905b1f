package io.emberpay.local.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * Walks one card payment through the gateway, as a merchant and a mobile user would:
 * merchant sign-up and webhook endpoint, user sign-up and login, card saved, payment
 * authorized and captured, the ledger's balance, and the signed webhook checked. Each
 * step is reported as it happens.
 */
public final class PaymentWalkthrough {

	public static final long AMOUNT = 1999;

	private final GatewayClient gateway;

	private final Consumer<String> report;

	private final Duration patience;

	public PaymentWalkthrough(String gatewayUrl, Consumer<String> report, Duration patience) {
		this.gateway = new GatewayClient(gatewayUrl);
		this.report = report;
		this.patience = patience;
	}

	public Result run() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			JsonNode merchant = this.gateway
				.post("/v1/merchants",
						Map.of("name", "Demo Coffee " + suffix, "email", "owner-" + suffix + "@demo.test"), null)
				.expect(201, "merchant sign-up")
				.json();
			String merchantId = merchant.path("id").asString();
			String apiKey = merchant.path("api_key").asString();
			step("merchant signed up", merchantId + " with a test key " + apiKey.substring(0, 8) + "…");

			JsonNode endpoint = this.gateway
				.post("/v1/webhook_endpoints",
						Map.of("url", receiver.url(), "events",
								List.of("payment.authorized", "payment.captured", "payment.succeeded")),
						apiKey)
				.expect(201, "webhook endpoint")
				.json();
			String secret = endpoint.path("secret").asString();
			step("webhook endpoint registered", endpoint.path("id").asString() + " -> " + receiver.url());

			String email = "user-" + suffix + "@demo.test";
			String password = "correct horse battery " + suffix;
			String userId = this.gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null)
				.expect(201, "user sign-up")
				.text("id");
			step("user signed up", userId + " " + email);
			String accessToken = this.gateway
				.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", "demo-phone"), null)
				.expect(200, "login")
				.text("access_token");
			step("user logged in", "access token " + accessToken.length() + " chars (ES256 JWT)");

			JsonNode card = this.gateway
				.post("/v1/payment_methods",
						Map.of("type", "card", "card",
								Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2034, "cvc", "123")),
						accessToken)
				.expect(201, "save card")
				.json();
			String paymentMethod = card.path("id").asString();
			step("card saved", paymentMethod + " " + card.path("card").path("brand").asString() + " •••• "
					+ card.path("card").path("last4").asString());

			JsonNode payment = this.gateway.postOnce("/v1/payments",
					Map.of("amount", AMOUNT, "currency", "USD", "merchant", merchantId, "payment_method", paymentMethod,
							"capture_method", "manual", "device_id", "demo-phone", "description", "Flat white"),
					accessToken)
				.expect(201, "create payment")
				.json();
			String paymentId = payment.path("id").asString();
			step("payment authorized", paymentId + " status=" + payment.path("status").asString() + " risk score="
					+ payment.path("risk").path("score").asString());

			JsonNode captured = this.gateway.postOnce("/v1/payments/" + paymentId + "/capture", Map.of(), apiKey)
				.expect(200, "capture")
				.json();
			step("payment captured", paymentId + " status=" + captured.path("status").asString());

			JsonNode balance = await("ledger balance", () -> {
				JsonNode body = this.gateway.get("/v1/balance", apiKey).expect(200, "balance").json();
				return (balanceUsd(body) > 0) ? body : null;
			});
			step("ledger posted", "merchant balance " + balanceUsd(balance) + " USD minor units (available "
					+ usd(balance, "available") + ", pending " + usd(balance, "pending") + ")");

			WebhookReceiver.Delivery delivery = await("signed webhook",
					() -> receiver.deliveries()
						.stream()
						.filter(d -> d.body().contains("\"payment.succeeded\"") && d.body().contains(paymentId))
						.findFirst()
						.orElse(null));
			boolean verified = WebhookSignature.verifies(secret, delivery.id(), delivery.timestamp(), delivery.body(),
					delivery.signature());
			step("webhook received", "payment.succeeded " + delivery.id() + ", signature "
					+ (verified ? "verified" : "DOES NOT VERIFY"));
			return new Result(merchantId, userId, paymentId, captured.path("status").asString(), balanceUsd(balance),
					verified);
		}
	}

	/**
	 * Available plus pending: captured funds stay pending until they fall due (T+2 by
	 * default).
	 */
	private static long balanceUsd(JsonNode balance) {
		return usd(balance, "available") + usd(balance, "pending");
	}

	private static long usd(JsonNode balance, String kind) {
		for (JsonNode entry : balance.path(kind)) {
			if ("USD".equals(entry.path("currency").asString())) {
				return entry.path("amount").asLong();
			}
		}
		return 0;
	}

	private <T> T await(String what, Supplier<T> probe) throws InterruptedException {
		long deadline = System.nanoTime() + this.patience.toNanos();
		while (System.nanoTime() < deadline) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Gave up waiting for the " + what + " after " + this.patience);
	}

	private void step(String name, String detail) {
		this.report.accept(String.format("  ✓ %-28s %s", name, detail));
	}

	/** What the walkthrough produced, for the end-to-end test to assert on. */
	public record Result(String merchant, String user, String payment, String finalStatus, long merchantBalanceUsd,
			boolean webhookSignatureVerified) {
	}

}
