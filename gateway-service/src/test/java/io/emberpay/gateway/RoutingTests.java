package io.emberpay.gateway;

import java.util.Map;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTests extends GatewayTestSupport {

	@ParameterizedTest
	@CsvSource({ "/v1/users/me, auth", "/v1/payment_methods, payment", "/v1/payments/pay_1, payment",
			"/v1/refunds/re_1, payment", "/v1/idempotency_keys/k1, payment", "/v1/payouts/po_1, payment",
			"/v1/external_accounts, payment", "/v1/payout_schedule, payment", "/v1/disputes/dp_1, payment",
			"/v1/balance, ledger", "/v1/balance_transactions, ledger", "/v1/balance_transactions/btx_1, ledger",
			"/v1/ledger/accounts, ledger", "/v1/webhook_endpoints, notification", "/v1/events/evt_1, notification",
			"/v1/notification_preferences, notification", "/v1/products, subscription",
			"/v1/prices/price_1, subscription", "/v1/subscriptions, subscription",
			"/v1/subscriptions/sub_1, subscription", "/v1/invoices/in_1, subscription",
			"/v1/users/me/entitlements, subscription", "/v1/setup_intents/seti_1, payment", "/v1/users/me/export, auth",
			"/v1/reports/balance, ledger", "/v1/test_helpers/test_clocks/clock_1, subscription" })
	void routesEachPathToItsOwningService(String path, String service) {
		ApiClient.Response response = freshUser().get(path);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("service")).isEqualTo(service);
		assertThat(response.text("path")).isEqualTo(path);
	}

	@Test
	void passesPublicEndpointsWithoutCredentials() {
		ApiClient.Response signup = anonymous().post("/v1/auth/signup",
				Map.of("email", "a@example.com", "password", "correct horse battery"));
		ApiClient.Response merchants = anonymous().post("/v1/merchants",
				Map.of("name", "Shop", "email", "s@example.com"));
		ApiClient.Response jwks = anonymous().get("/.well-known/jwks.json");

		assertThat(signup.status()).isEqualTo(200);
		assertThat(signup.text("service")).isEqualTo("auth");
		assertThat(merchants.text("path")).isEqualTo("/v1/merchants");
		assertThat(jwks.text("path")).isEqualTo("/.well-known/jwks.json");
	}

	@Test
	void passesAcquirerWebhooksToPaymentServiceWithoutCredentialsAndWithTheirSignature() {
		String event = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";
		ApiClient.Response webhook = anonymous().send("POST", "/v1/psp_webhooks/stripe", event,
				Map.of("Stripe-Signature", "t=1,v1=abc"));
		ApiClient.Response adyen = anonymous().post("/v1/psp_webhooks/adyen", event);
		ApiClient.Response simulator = anonymous().send("POST", "/v1/psp_webhooks/psp-a", event,
				Map.of("Simulator-Signature", "t=1,v1=abc"));
		ApiClient.Response otherAcquirer = anonymous().post("/v1/psp_webhooks/unknown", event);

		assertThat(webhook.status()).as(webhook.body()).isEqualTo(200);
		assertThat(webhook.text("service")).isEqualTo("payment");
		assertThat(webhook.text("path")).isEqualTo("/v1/psp_webhooks/stripe");
		assertThat(webhook.json().path("body_bytes").asInt()).isEqualTo(event.length());
		assertThat(forwarded(webhook).path("stripe-signature").asString()).isEqualTo("t=1,v1=abc");
		assertThat(adyen.text("path")).as(adyen.body()).isEqualTo("/v1/psp_webhooks/adyen");
		assertThat(simulator.text("path")).as(simulator.body()).isEqualTo("/v1/psp_webhooks/psp-a");
		assertThat(forwarded(simulator).path("simulator-signature").asString()).isEqualTo("t=1,v1=abc");
		assertThat(otherAcquirer.status()).isEqualTo(401);
	}

	@Test
	void passesStoreNotificationsToSubscriptionServiceKeepingOnlyGooglesBearer() {
		String notification = "{\"signedPayload\":\"x.y.z\"}";
		ApiClient.Response apple = anonymous().withToken("stale.app.token")
			.send("POST", "/v1/app_store/notifications/mer_1", notification, Map.of());
		ApiClient.Response google = anonymous().withToken("google.oidc.token")
			.send("POST", "/v1/google_play/notifications/mer_1", notification, Map.of());
		ApiClient.Response deeper = anonymous().post("/v1/app_store/notifications/mer_1/more", notification);

		assertThat(apple.status()).as(apple.body()).isEqualTo(200);
		assertThat(apple.text("service")).isEqualTo("subscription");
		assertThat(forwarded(apple).has("authorization")).isFalse();
		assertThat(google.text("service")).as(google.body()).isEqualTo("subscription");
		assertThat(forwarded(google).path("authorization").asString()).isEqualTo("Bearer google.oidc.token");
		// only the per-merchant path is public; nothing deeper reaches the service
		// without credentials
		assertThat(deeper.status()).isIn(401, 404);
	}

	@Test
	void dropsAStaleTokenOnPublicEndpoints() {
		ApiClient.Response refresh = anonymous().withToken("expired.garbage.token")
			.post("/v1/auth/token", Map.of("refresh_token", "rt"));

		assertThat(refresh.status()).isEqualTo(200);
		assertThat(forwarded(refresh).has("authorization")).isFalse();
	}

	@Test
	void passesConsolePagesWithoutCredentialsAndDropsAnyBearer() {
		ApiClient.Response page = anonymous().get("/console/sign-in");
		ApiClient.Response form = anonymous().withToken("not.a.token").post("/console/sign-in/key", Map.of());

		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(page.text("service")).isEqualTo("console");
		assertThat(page.text("path")).isEqualTo("/console/sign-in");
		assertThat(form.text("service")).isEqualTo("console");
		assertThat(forwarded(form).has("authorization")).isFalse();
	}

	@Test
	void neverRoutesInternalPaths() {
		ApiClient.Response internal = anonymous().post("/internal/v1/api_keys/verify", Map.of("api_key", MERCHANT_KEY));
		ApiClient.Response withToken = freshUser().get("/internal/v1/merchants/mer_1");

		assertThat(internal.status()).isEqualTo(404);
		assertThat(internal.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(internal.text("code")).isEqualTo("not_found");
		assertThat(internal.text("request_id")).startsWith("req_");
		assertThat(withToken.status()).isEqualTo(404);
		assertThat(AUTH.hits("/internal/v1/merchants/mer_1")).isZero();
	}

	@Test
	void refusesDotSegmentsThatAServiceWouldResolveToAnInternalPath() {
		ApiClient user = freshUser();

		ApiClient.Response dots = user.get("/v1/payments/../../internal/v1/merchants/mer_1");
		ApiClient.Response encoded = user.get("/v1/payments/%2e%2e/%2e%2e/internal/v1/merchants/mer_1");
		ApiClient.Response slash = user.get("/v1/payments/..%2f..%2finternal");

		assertThat(dots.status()).isEqualTo(400);
		assertThat(encoded.status()).isEqualTo(400);
		assertThat(slash.status()).isEqualTo(400);
		assertThat(PAYMENT.hits("/internal/v1/merchants/mer_1")).isZero();
	}

	@Test
	void answersUnknownPathsWithAProblem() {
		ApiClient.Response response = freshUser().get("/v2/payments");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().path("type").asString()).isEqualTo("/errors/not_found");
		assertThat(response.json().path("status").asInt()).isEqualTo(404);
		assertThat(response.json().path("title").asString()).isNotBlank();
	}

}
