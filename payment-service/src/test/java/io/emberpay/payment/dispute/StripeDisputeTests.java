package io.emberpay.payment.dispute;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.events.Topics;
import io.emberpay.payment.psp.stripe.FakeStripe;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Disputes opened and decided by Stripe's {@code charge.dispute.*} webhooks, answered by
 * the merchant with evidence (stored encrypted, limited in size, refused after the
 * deadline) or accepted, each step an event on {@code payments.events}.
 */
@PaymentServiceTest
class StripeDisputeTests {

	static final String MERCHANT = "mer_on_stripe";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	PaymentApi api;

	@BeforeEach
	void setUp() {
		this.api = new PaymentApi(this.port);
	}

	@Test
	void disputeOpensOnceIsAnsweredWithEncryptedEvidenceAndWon() {
		String paymentId = capturedPayment();
		try (TopicReader topic = new TopicReader(Topics.PAYMENTS)) {
			String disputeEvent = event("charge.dispute.created", paymentId, "du_" + unique(), "needs_response",
					Instant.now().plus(Duration.ofDays(7)));
			ApiClient.Response opened = deliverSigned(disputeEvent);
			ApiClient.Response redelivered = deliverSigned(disputeEvent);

			assertThat(opened.text("outcome")).as(opened.body()).isEqualTo("dispute_opened");
			assertThat(redelivered.json().get("duplicate").asBoolean()).isTrue();
			ApiClient merchant = this.api.merchant(MERCHANT);
			var dispute = merchant.get("/v1/disputes?limit=100").json().get("data").get(0);
			String id = dispute.get("id").asString();
			assertThat(id).startsWith("dp_");
			assertThat(dispute.get("payment").asString()).isEqualTo(paymentId);
			assertThat(dispute.get("amount").asLong()).isEqualTo(2700);
			assertThat(dispute.get("fee").asLong()).isEqualTo(1500);
			assertThat(dispute.get("status").asString()).isEqualTo("needs_response");
			assertThat(this.api.merchant(PaymentApi.newMerchant()).get("/v1/disputes/" + id).status()).isEqualTo(404);

			String secretText = "Customer signed for delivery " + unique();
			ApiClient.Response answered = merchant.post("/v1/disputes/" + id,
					Map.of("evidence",
							Map.of("shipping_documentation", secretText, "files", List.of(Map.of("name", "receipt.txt",
									"content_base64",
									Base64.getEncoder().encodeToString("signed".getBytes(StandardCharsets.UTF_8)))))));
			assertThat(answered.status()).as(answered.body()).isEqualTo(200);
			assertThat(answered.text("status")).isEqualTo("under_review");
			byte[] stored = this.jdbc.sql("select ciphertext from dispute_evidence where dispute_id = ?")
				.param(id)
				.query(byte[].class)
				.single();
			assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secretText);
			ApiClient.Response again = merchant.post("/v1/disputes/" + id,
					Map.of("evidence", Map.of("uncategorized_text", "more")));
			assertThat(again.status()).isEqualTo(409);
			assertThat(again.text("code")).isEqualTo("dispute_state_conflict");

			String stripeId = this.jdbc.sql("select psp_reference from dispute where id = ?")
				.param(id)
				.query(String.class)
				.single();
			ApiClient.Response won = deliverSigned(
					event("charge.dispute.closed", paymentId, stripeId, "won", Instant.now().plus(Duration.ofDays(7))));
			assertThat(won.text("outcome")).isEqualTo("dispute_won");
			assertThat(merchant.get("/v1/disputes/" + id).text("status")).isEqualTo("won");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> topic.events()
					.stream()
					.filter(e -> e.data().path("dispute").path("id").asString("").equals(id))
					.map(e -> e.type())
					.toList()
					.containsAll(List.of("dispute.created", "dispute.updated", "dispute.closed")));
			assertThat(topic.raw()).noneMatch(record -> record.contains(secretText));
		}
	}

	@Test
	void acceptedDisputeIsLostAndTakesNothingMore() {
		String id = openDispute(Instant.now().plus(Duration.ofDays(7)));
		ApiClient merchant = this.api.merchant(MERCHANT);

		ApiClient.Response accepted = merchant.post("/v1/disputes/" + id + "/close", null);

		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		assertThat(accepted.text("status")).isEqualTo("lost");
		assertThat(merchant.post("/v1/disputes/" + id + "/close", null).status()).isEqualTo(409);
		assertThat(
				merchant.post("/v1/disputes/" + id, Map.of("evidence", Map.of("uncategorized_text", "late"))).status())
			.isEqualTo(409);
	}

	@Test
	void evidenceAfterTheDeadlineIsA409AndTooMuchOfItA413() {
		String late = openDispute(Instant.now().minus(Duration.ofHours(1)));
		String open = openDispute(Instant.now().plus(Duration.ofDays(7)));
		ApiClient merchant = this.api.merchant(MERCHANT);
		String big = Base64.getEncoder().encodeToString(new byte[520 * 1024]);

		ApiClient.Response tooLate = merchant.post("/v1/disputes/" + late,
				Map.of("evidence", Map.of("uncategorized_text", "late")));
		ApiClient.Response tooLarge = merchant.post("/v1/disputes/" + open,
				Map.of("evidence", Map.of("files", List.of(Map.of("name", "scan.pdf", "content_base64", big)))));
		ApiClient.Response tooLong = merchant.post("/v1/disputes/" + open,
				Map.of("evidence", Map.of("product_description", "x".repeat(20_001))));

		assertThat(tooLate.status()).as(tooLate.body()).isEqualTo(409);
		assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
		assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
		assertThat(tooLong.text("param")).isEqualTo("evidence.product_description");
		assertThat(merchant.get("/v1/disputes/" + open).text("status")).isEqualTo("needs_response");
	}

	@Test
	void disputeOfAPaymentWeDoNotKnowIsStoredAndReported() {
		ObjectNode dispute = disputeObject("pi_notours" + unique(), "du_" + unique(), "needs_response",
				Instant.now().plus(Duration.ofDays(7)));
		String eventId = "evt_" + unique();

		ApiClient.Response response = deliverSigned(FakeStripe.get().event(eventId, "charge.dispute.created", dispute));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("unknown_payment");
		assertThat(this.jdbc.sql("select count(*) from psp_webhook_event where event_id = ?")
			.param(eventId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private String openDispute(Instant dueBy) {
		String paymentId = capturedPayment();
		ApiClient.Response opened = deliverSigned(
				event("charge.dispute.created", paymentId, "du_" + unique(), "needs_response", dueBy));
		assertThat(opened.text("outcome")).as(opened.body()).isEqualTo("dispute_opened");
		return this.jdbc.sql("select id from dispute where payment_id = ?")
			.param(paymentId)
			.query(String.class)
			.single();
	}

	private String capturedPayment() {
		String user = PaymentApi.newUser();
		String card = this.api.paymentMethod(user, PaymentApi.VISA);
		ApiClient.Response paid = this.api.pay(user, PaymentApi.payment(2700, "USD", MERCHANT, card, "automatic"));
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		return paid.text("id");
	}

	private String event(String type, String paymentId, String disputeId, String status, Instant dueBy) {
		String intent = FakeStripe.get().paymentIntentOf(paymentId).get("id").asString();
		return FakeStripe.get().event("evt_" + unique(), type, disputeObject(intent, disputeId, status, dueBy));
	}

	private static ObjectNode disputeObject(String intent, String disputeId, String status, Instant dueBy) {
		ObjectNode dispute = JSON.createObjectNode();
		dispute.put("id", disputeId);
		dispute.put("object", "dispute");
		dispute.put("payment_intent", intent);
		dispute.put("amount", 2700);
		dispute.put("currency", "usd");
		dispute.put("reason", "fraudulent");
		dispute.put("status", status);
		dispute.putObject("evidence_details").put("due_by", dueBy.getEpochSecond());
		return dispute;
	}

	private ApiClient.Response deliverSigned(String payload) {
		return this.api.anonymous()
			.send("POST", "/v1/psp_webhooks/stripe", payload, Map.of("Stripe-Signature",
					FakeStripe.signatureHeader(payload, FakeStripe.WEBHOOK_SECRET, Instant.now().getEpochSecond())));
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
