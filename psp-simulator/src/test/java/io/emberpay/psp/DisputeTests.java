package io.emberpay.psp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.emberpay.psp.webhook.WebhookSender;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cardholders' disputes: the dispute test card is disputed after its capture, the admin
 * call disputes any captured payment and decides a dispute; the platform hears each step
 * by signed webhook.
 */
class DisputeTests extends AbstractSimulatorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DISPUTED_CARD = "4000000000000259";

	@Test
	void disputesAPaymentOnTheDisputeTestCardOnceItIsCapturedTellingThePlatformBySignedWebhook() {
		ApiClient.Response captured = capture("psp-a", 2500, DISPUTED_CARD);
		assertThat(captured.text("status")).isEqualTo("captured");

		JsonNode event = awaitEvent(captured.text("id"), "dispute.created", "/v1/psp_webhooks/psp-a");

		JsonNode dispute = event.get("data").get("object");
		assertThat(dispute.get("id").asString()).startsWith("du_");
		assertThat(dispute.get("authorization_id").asString()).isEqualTo(captured.text("id"));
		assertThat(dispute.get("reference").asString()).isEqualTo(captured.text("reference"));
		assertThat(dispute.get("amount").asLong()).isEqualTo(2500);
		assertThat(dispute.get("currency").asString()).isEqualTo("USD");
		assertThat(dispute.get("reason").asString()).isEqualTo("fraudulent");
		assertThat(dispute.get("status").asString()).isEqualTo("needs_response");
		assertThat(dispute.get("evidence_due_by").asString()).isNotBlank();
		assertThat(event.toString()).doesNotContain(DISPUTED_CARD);
	}

	@Test
	void leavesAnUncapturedPaymentOnTheDisputeTestCardUndisputed() {
		ApiClient.Response held = authorize("psp-b", 1200, DISPUTED_CARD);
		assertThat(held.text("status")).isEqualTo("authorized");
		ApiClient.Response other = capture("psp-b", 1300, DISPUTED_CARD);

		awaitEvent(other.text("id"), "dispute.created", "/v1/psp_webhooks/psp-b");

		assertThat(WebhookRecorder.get().deliveries()).noneMatch(d -> d.body().contains(held.text("id")));
	}

	@Test
	void opensADisputeOnAnyCapturedPaymentAndDecidesItWonOrLostOnce() {
		ApiClient.Response won = capture("psp-b", 4000, VISA_OK);
		ApiClient.Response opened = api().post("/admin/psp-b/authorizations/" + won.text("id") + "/disputes",
				Map.of("amount", 1500, "reason", "product_not_received"));
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.json().get("amount").asLong()).isEqualTo(1500);
		awaitEvent(won.text("id"), "dispute.created", "/v1/psp_webhooks/psp-b");

		ApiClient.Response closed = api().post("/admin/psp-b/disputes/" + opened.text("id") + "/close",
				Map.of("status", "won"));

		assertThat(closed.text("status")).isEqualTo("won");
		JsonNode event = awaitEvent(won.text("id"), "dispute.closed", "/v1/psp_webhooks/psp-b");
		assertThat(event.get("data").get("object").get("status").asString()).isEqualTo("won");
		assertThat(
				api().post("/admin/psp-b/disputes/" + opened.text("id") + "/close", Map.of("status", "lost")).status())
			.as("a dispute is decided once")
			.isEqualTo(409);

		ApiClient.Response lost = capture("psp-a", 900, VISA_OK);
		String disputeId = api().post("/admin/psp-a/authorizations/" + lost.text("id") + "/disputes", null).text("id");
		api().post("/admin/psp-a/disputes/" + disputeId + "/close", Map.of("status", "lost"));
		assertThat(awaitEvent(lost.text("id"), "dispute.closed", "/v1/psp_webhooks/psp-a").get("data")
			.get("object")
			.get("status")
			.asString()).isEqualTo("lost");
		assertThat(api().get("/admin/psp-a/disputes/" + disputeId).text("status")).isEqualTo("lost");
	}

	@Test
	void listsAnOpenedDisputeInTheSettlementReportUnderTheDisputedPayment() {
		ApiClient.Response captured = capture("psp-a", 3300, VISA_OK);
		ApiClient.Response opened = api().post("/admin/psp-a/authorizations/" + captured.text("id") + "/disputes",
				Map.of("amount", 3000));

		String day = opened.text("created_at").substring(0, 10);
		assertThat(api().get("/psp-a/v1/settlements/" + day).body().lines()).contains(opened.text("id") + ",dispute,"
				+ captured.text("reference") + ",3000,USD,0," + opened.text("created_at"));
	}

	@Test
	void refusesToDisputeWhatWasNotCapturedOrBeyondItAndAnUnknownDecision() {
		ApiClient.Response held = authorize("psp-a", 1000, VISA_OK);
		assertThat(api().post("/admin/psp-a/authorizations/" + held.text("id") + "/disputes", null).status())
			.isEqualTo(409);
		ApiClient.Response captured = capture("psp-a", 1000, VISA_OK);
		assertThat(
				api().post("/admin/psp-a/authorizations/" + captured.text("id") + "/disputes", Map.of("amount", 1001))
					.status())
			.isEqualTo(400);
		assertThat(api().post("/admin/psp-a/authorizations/auth_nope/disputes", null).status()).isEqualTo(404);
		String disputeId = api().post("/admin/psp-a/authorizations/" + captured.text("id") + "/disputes", null)
			.text("id");
		assertThat(api().post("/admin/psp-a/disputes/" + disputeId + "/close", Map.of("status", "maybe")).status())
			.isEqualTo(400);
		assertThat(api().post("/admin/psp-a/disputes/du_nope/close", Map.of("status", "won")).status()).isEqualTo(404);
	}

	private ApiClient.Response capture(String psp, long amount, String cardNumber) {
		Map<String, Object> body = authorization(amount, cardNumber, newReference("pay"));
		body.put("capture", true);
		return post("/" + psp + "/v1/authorizations", newKey(), body);
	}

	/** The event of that type about the authorization, its signature checked. */
	private static JsonNode awaitEvent(String authorizationId, String type, String path) {
		WebhookRecorder.Delivery delivery = await().atMost(Duration.ofSeconds(10))
			.until(() -> WebhookRecorder.get()
				.deliveries()
				.stream()
				.filter(d -> d.body().contains(authorizationId) && d.body().contains("\"" + type + "\""))
				.findFirst()
				.orElse(null), d -> d != null);
		assertThat(delivery.path()).isEqualTo(path);
		long timestamp = Long.parseLong(delivery.signature().split(",")[0].substring(2));
		assertThat(delivery.signature()).isEqualTo(
				WebhookSender.signature(WEBHOOK_SECRET, timestamp, delivery.body().getBytes(StandardCharsets.UTF_8)));
		return JSON.readTree(delivery.body());
	}

}
