package io.emberpay.psp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.charset.StandardCharsets;

import io.emberpay.psp.authorization.DebitSettlement;
import io.emberpay.psp.webhook.WebhookSender;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 3-D Secure test cards, wallet test tokens and bank debits, and the signed webhooks that
 * tell the platform their outcome.
 */
class MethodsBeyondCardsTests extends AbstractSimulatorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	DebitSettlement settlement;

	/** The Apple Pay test token of docs/test-cards.md. */
	static final String APPLE_PAY_TOKEN = """
			{"paymentData":{"version":"EC_v1","data":"ZW1iZXJwYXktdGVzdC10b2tlbg==","signature":"c2lnbmF0dXJl",\
			"header":{"ephemeralPublicKey":"a2V5","publicKeyHash":"aGFzaA==","transactionId":"0a1b2c3d"}},\
			"paymentMethod":{"displayName":"Visa 4242","network":"Visa","type":"debit"},"transactionIdentifier":"0A1B2C3D"}""";

	@Test
	void challengesThe3dsCardAndApprovesItOncePassedTellingThePlatformBySignedWebhook() {
		Map<String, Object> body = authorization(1999, "4000002760003184", newReference("pay"));
		body.put("return_url", "https://shop.example/back");
		ApiClient.Response challenged = post("/psp-a/v1/authorizations", newKey(), body);
		assertThat(challenged.text("status")).isEqualTo("requires_action");
		String url = challenged.json().get("next_action").get("redirect_url").asString();
		assertThat(url).isEqualTo(baseUrl() + "/psp-a/v1/authorizations/" + challenged.text("id") + "/challenge");
		assertThat(api().get(url.substring(baseUrl().length())).body()).contains("Pass the challenge");

		ApiClient.Response passed = api().send("POST",
				"/psp-a/v1/authorizations/" + challenged.text("id") + "/challenge?result=pass", null, Map.of());

		assertThat(passed.status()).isEqualTo(303);
		assertThat(passed.header("Location")).isEqualTo("https://shop.example/back");
		assertThat(api().get("/psp-a/v1/authorizations/" + challenged.text("id")).text("status"))
			.isEqualTo("authorized");
		JsonNode event = awaitEventFor(challenged.text("id"), "/v1/psp_webhooks/psp-a");
		assertThat(event.get("type").asString()).isEqualTo("authorization.succeeded");
		assertThat(event.get("data").get("object").get("status").asString()).isEqualTo("authorized");
	}

	@Test
	void failsTheChallengeOfTheFailing3dsCardWhateverTheCardholderDoes() {
		ApiClient.Response challenged = authorize("psp-b", 1999, "4000000000003220");
		assertThat(challenged.text("status")).isEqualTo("requires_action");

		ApiClient.Response completed = api().send("POST",
				"/psp-b/v1/authorizations/" + challenged.text("id") + "/challenge?result=pass", null, Map.of());

		assertThat(completed.status()).isEqualTo(200);
		assertThat(completed.text("status")).isEqualTo("declined");
		assertThat(completed.text("decline_code")).isEqualTo("authentication_failed");
		assertThat(awaitEventFor(challenged.text("id"), "/v1/psp_webhooks/psp-b").get("type").asString())
			.isEqualTo("authorization.failed");
		assertThat(api()
			.send("POST", "/psp-b/v1/authorizations/" + challenged.text("id") + "/challenge?result=pass", null,
					Map.of())
			.status()).as("a challenge completes once").isEqualTo(409);
	}

	@Test
	void authorizesTheWalletTestTokenShowingOnlyItsBrandAndLast4() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", 1500);
		body.put("currency", "USD");
		body.put("wallet", Map.of("type", "apple_pay", "token", APPLE_PAY_TOKEN));
		body.put("reference", newReference("pay"));
		body.put("capture", true);

		ApiClient.Response response = post("/psp-a/v1/authorizations", newKey(), body);

		assertThat(response.text("status")).isEqualTo("captured");
		assertThat(response.text("payment_method_type")).isEqualTo("apple_pay");
		assertThat(response.json().get("card").get("brand").asString()).isEqualTo("visa");
		assertThat(response.json().get("card").get("last4").asString()).isEqualTo("4242");
		assertThat(response.body()).doesNotContain("ZW1iZXJwYXktdGVzdC10b2tlbg==");
	}

	@Test
	void refusesAMalformedWalletTokenWithoutQuotingIt() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", 1500);
		body.put("currency", "USD");
		body.put("wallet", Map.of("type", "google_pay", "token", "{\"secret-looking\":\"x\"}"));
		body.put("reference", newReference("pay"));

		ApiClient.Response response = post("/psp-a/v1/authorizations", newKey(), body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("invalid_request");
		assertThat(response.body()).doesNotContain("secret-looking");
	}

	@Test
	void keepsASepaDebitProcessingUntilTheBankSettlesIt() {
		ApiClient.Response debit = post("/psp-a/v1/authorizations", newKey(), sepaDebit(4200));
		assertThat(debit.text("status")).isEqualTo("processing");
		assertThat(debit.json().get("card").get("last4").asString()).isEqualTo("3000");
		assertThat(debit.body()).doesNotContain("DE89370400440532013000");

		ApiClient.Response settled = api().post("/admin/psp-a/debits/" + debit.text("id") + "/settle", null);

		assertThat(settled.text("status")).isEqualTo("captured");
		JsonNode event = awaitEventFor(debit.text("id"), "/v1/psp_webhooks/psp-a");
		assertThat(event.get("type").asString()).isEqualTo("debit.succeeded");
		assertThat(event.toString()).doesNotContain("DE89370400440532013000");
	}

	@Test
	void theBankSettlesDebitsOnItsOwnOnceTheyAreOldEnough() {
		ApiClient.Response young = post("/psp-b/v1/authorizations", newKey(), sepaDebit(700));

		assertThat(this.settlement.settleDue(Duration.ofHours(1))).as("nothing is an hour old").isZero();
		assertThat(this.settlement.settleDue(Duration.ZERO)).isPositive();

		assertThat(api().get("/psp-b/v1/authorizations/" + young.text("id")).text("status")).isEqualTo("captured");
		assertThat(awaitEventFor(young.text("id"), "/v1/psp_webhooks/psp-b").get("type").asString())
			.isEqualTo("debit.succeeded");
	}

	@Test
	void failsAnUnsettledDebitAndTakesBackASettledOneWithTheBanksReturnCode() {
		ApiClient.Response unsettled = post("/psp-a/v1/authorizations", newKey(), sepaDebit(1000));
		ApiClient.Response failed = api().post("/admin/psp-a/debits/" + unsettled.text("id") + "/return",
				Map.of("code", "AM04"));
		assertThat(failed.text("status")).isEqualTo("declined");
		assertThat(failed.text("return_code")).isEqualTo("AM04");
		assertThat(awaitEventFor(unsettled.text("id"), "/v1/psp_webhooks/psp-a").get("type").asString())
			.isEqualTo("debit.failed");

		ApiClient.Response settled = post("/psp-a/v1/authorizations", newKey(), sepaDebit(2000));
		api().post("/admin/psp-a/debits/" + settled.text("id") + "/settle", null);
		ApiClient.Response returned = api().post("/admin/psp-a/debits/" + settled.text("id") + "/return",
				Map.of("code", "R01"));
		assertThat(returned.text("status")).isEqualTo("returned");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> WebhookRecorder.get()
				.deliveries()
				.stream()
				.anyMatch(d -> d.body().contains(settled.text("id")) && d.body().contains("debit.returned")));
		assertThat(
				api().post("/admin/psp-a/debits/" + settled.text("id") + "/return", Map.of("code", "1; drop")).status())
			.isEqualTo(400);
	}

	@Test
	void writesASettlementLineForASettledDebitTheBankReturnsSoReconciliationMatchesIt() {
		ApiClient.Response debit = post("/psp-a/v1/authorizations", newKey(), sepaDebit(3100));
		api().post("/admin/psp-a/debits/" + debit.text("id") + "/settle", null);
		ApiClient.Response unsettled = post("/psp-a/v1/authorizations", newKey(), sepaDebit(1200));

		api().post("/admin/psp-a/debits/" + debit.text("id") + "/return", Map.of("code", "R01"));
		api().post("/admin/psp-a/debits/" + unsettled.text("id") + "/return", Map.of("code", "AM04"));

		String report = api().get("/psp-a/v1/settlements/" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)).body();
		String reference = debit.text("reference");
		assertThat(report).contains(debit.text("id") + ",capture," + reference + ",3100,EUR,")
			.contains(debit.text("id") + ",return," + reference + ",3100,EUR,0,");
		// a debit that never settled moved no money: no line at all
		assertThat(report).doesNotContain(unsettled.text("id"));
	}

	private static Map<String, Object> sepaDebit(long amount) {
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("type", "sepa_debit");
		account.put("country", "DE");
		account.put("iban", "DE89370400440532013000");
		account.put("account_holder_name", "Jenny Rosen");
		account.put("mandate", Map.of("reference", "mdt_1", "accepted_at", "2026-12-01T10:00:00Z"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", amount);
		body.put("currency", "EUR");
		body.put("bank_account", account);
		body.put("reference", newReference("pay"));
		body.put("capture", true);
		return body;
	}

	/**
	 * The first webhook about the authorization, after checking its signature with the
	 * shared secret.
	 */
	private static JsonNode awaitEventFor(String authorizationId, String path) {
		WebhookRecorder.Delivery delivery = await().atMost(Duration.ofSeconds(10))
			.until(() -> WebhookRecorder.get()
				.deliveries()
				.stream()
				.filter(d -> d.body().contains(authorizationId))
				.findFirst()
				.orElse(null), d -> d != null);
		assertThat(delivery.path()).isEqualTo(path);
		long timestamp = Long.parseLong(delivery.signature().split(",")[0].substring(2));
		assertThat(delivery.signature()).isEqualTo(
				WebhookSender.signature(WEBHOOK_SECRET, timestamp, delivery.body().getBytes(StandardCharsets.UTF_8)));
		return JSON.readTree(delivery.body());
	}

}
