package io.emberpay.payment.dispute;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Disputes the simulator acquirers open and decide by signed {@code dispute.*} webhooks
 * drive the same lifecycle as Stripe's: opened once (amount plus fee withdrawn by the
 * ledger from the event), answered with the merchant's evidence, won or lost; each step
 * an event for the merchant's webhooks.
 */
@PaymentServiceTest
class SimulatorDisputeTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static TopicReader topic;

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	PaymentApi api;

	String user;

	String merchant;

	@BeforeAll
	static void readTopic() {
		topic = new TopicReader(Topics.PAYMENTS);
	}

	@AfterAll
	static void closeTopic() {
		topic.close();
	}

	@BeforeEach
	void setUp() {
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
		this.merchant = PaymentApi.newMerchant();
	}

	@Test
	void simulatorDisputeOpensOnceIsAnsweredWithEvidenceAndWon() {
		PlatformStubs.Authorization paid = capturedPayment(3100);
		String disputeId = "du_" + unique();
		String created = disputeEvent("dispute.created", paid, disputeId, "needs_response");

		ApiClient.Response opened = deliver(paid.psp(), created);
		ApiClient.Response redelivered = deliver(paid.psp(), created);

		assertThat(opened.status()).as(opened.body()).isEqualTo(200);
		assertThat(opened.text("outcome")).isEqualTo("dispute_opened");
		assertThat(redelivered.json().get("duplicate").asBoolean()).isTrue();
		ApiClient merchantApi = this.api.merchant(this.merchant);
		var listed = merchantApi.get("/v1/disputes?limit=100").json().get("data");
		assertThat(listed).hasSize(1);
		String id = listed.get(0).get("id").asString();
		assertThat(listed.get(0).get("payment").asString()).isEqualTo(paid.reference());
		assertThat(listed.get(0).get("amount").asLong()).isEqualTo(3100);
		assertThat(listed.get(0).get("fee").asLong()).isPositive();
		CloudEvent createdEvent = awaitEvent(id, "dispute.created");
		assertThat(createdEvent.data().get("dispute").get("amount").asLong()).isEqualTo(3100);

		ApiClient.Response answered = merchantApi.post("/v1/disputes/" + id,
				Map.of("evidence", Map.of("uncategorized_text", "The customer received the goods")));
		assertThat(answered.status()).as(answered.body()).isEqualTo(200);
		assertThat(answered.text("status")).isEqualTo("under_review");

		ApiClient.Response won = deliver(paid.psp(), disputeEvent("dispute.closed", paid, disputeId, "won"));

		assertThat(won.text("outcome")).isEqualTo("dispute_won");
		assertThat(merchantApi.get("/v1/disputes/" + id).text("status")).isEqualTo("won");
		awaitEvent(id, "dispute.updated");
		assertThat(awaitEvent(id, "dispute.closed").data().get("dispute").get("status").asString()).isEqualTo("won");
		assertThat(deliver(paid.psp(), disputeEvent("dispute.closed", paid, disputeId, "lost")).text("outcome"))
			.as("a decided dispute stays decided")
			.isEqualTo("dispute_already_won");
	}

	@Test
	void simulatorDisputeLostKeepsItLost() {
		PlatformStubs.Authorization paid = capturedPayment(1800);
		String disputeId = "du_" + unique();
		deliver(paid.psp(), disputeEvent("dispute.created", paid, disputeId, "needs_response"));

		ApiClient.Response lost = deliver(paid.psp(), disputeEvent("dispute.closed", paid, disputeId, "lost"));

		assertThat(lost.text("outcome")).isEqualTo("dispute_lost");
		String id = this.jdbc.sql("select id from dispute where psp_reference = ?")
			.param(disputeId)
			.query(String.class)
			.single();
		assertThat(this.api.merchant(this.merchant).get("/v1/disputes/" + id).text("status")).isEqualTo("lost");
		assertThat(awaitEvent(id, "dispute.closed").data().get("dispute").get("status").asString()).isEqualTo("lost");
	}

	@Test
	@Tag("security")
	void aDisputeOfATestPaymentIsTestAndALiveKeyNeverSeesIt() {
		PlatformStubs.Authorization paid = capturedPayment(2200);
		String disputeId = "du_" + unique();
		deliver(paid.psp(), disputeEvent("dispute.created", paid, disputeId, "needs_response"));
		String id = this.jdbc.sql("select id from dispute where psp_reference = ?")
			.param(disputeId)
			.query(String.class)
			.single();
		ApiClient live = new ApiClient("http://localhost:" + this.port).withToken(TestTokens.get()
			.sign(this.merchant, List.of("merchant"), List.of("api_key"), true, Duration.ofMinutes(5)));

		assertThat(awaitEvent(id, "dispute.created").data().get("dispute").get("livemode").asBoolean()).isFalse();
		assertThat(live.get("/v1/disputes/" + id).status()).isEqualTo(404);
		assertThat(live.get("/v1/disputes?limit=100").json().get("data")).isEmpty();
		assertThat(live.post("/v1/disputes/" + id + "/close", Map.of()).status()).isEqualTo(404);
		ApiClient.Response own = this.api.merchant(this.merchant).get("/v1/disputes/" + id);
		assertThat(own.text("status")).isEqualTo("needs_response");
		assertThat(own.json().get("livemode").asBoolean()).isFalse();
	}

	@Test
	void simulatorDisputeOfAPaymentWeDoNotKnowIsStoredAndReportedNotApplied() {
		PlatformStubs.Authorization stranger = new PlatformStubs.Authorization("auth_notours" + unique(), "psp-a",
				"pay_notours", null, null, 500, "USD", true, null, null);
		String event = disputeEvent("dispute.created", stranger, "du_" + unique(), "needs_response");

		ApiClient.Response response = deliver("psp-a", event);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("unknown_payment");
		assertThat(this.jdbc.sql("select count(*) from psp_webhook_event where event_id = ?")
			.param(response.text("id"))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void refusesAMalformedOrUnsignedSimulatorDispute() {
		PlatformStubs.Authorization paid = capturedPayment(700);
		String forged = disputeEvent("dispute.created", paid, "du_" + unique(), "needs_response");
		String malformed = forged.replace("\"amount\":700", "\"amount\":-1");

		ApiClient.Response unsigned = this.api.anonymous()
			.send("POST", "/v1/psp_webhooks/" + paid.psp(), forged, Map.of());
		ApiClient.Response badAmount = deliver(paid.psp(), malformed);

		assertThat(unsigned.status()).isEqualTo(401);
		assertThat(badAmount.status()).as(badAmount.body()).isEqualTo(400);
		assertThat(this.api.merchant(this.merchant).get("/v1/disputes?limit=100").json().get("data")).isEmpty();
	}

	/** A captured card payment; answers the acquirer's authorization behind it. */
	private PlatformStubs.Authorization capturedPayment(long amount) {
		String card = this.api.paymentMethod(this.user, PaymentApi.VISA);
		ApiClient.Response paid = this.api.pay(this.user,
				PaymentApi.payment(amount, "USD", this.merchant, card, "automatic"));
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("succeeded");
		List<PlatformStubs.Authorization> authorizations = PlatformStubs.get().authorizationsFor(paid.text("id"));
		return authorizations.get(authorizations.size() - 1);
	}

	/** A {@code dispute.*} event as the simulator sends it. */
	private static String disputeEvent(String type, PlatformStubs.Authorization paid, String disputeId, String status) {
		Map<String, Object> dispute = new LinkedHashMap<>();
		dispute.put("id", disputeId);
		dispute.put("psp", paid.psp());
		dispute.put("authorization_id", paid.id());
		dispute.put("reference", paid.reference());
		dispute.put("amount", paid.amount());
		dispute.put("currency", paid.currency());
		dispute.put("reason", "fraudulent");
		dispute.put("status", status);
		dispute.put("evidence_due_by", Instant.now().plus(Duration.ofDays(7)).toString());
		dispute.put("created_at", Instant.now().toString());
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", "evt_" + unique());
		event.put("type", type);
		event.put("created", Instant.now().toString());
		event.put("livemode", false);
		event.put("data", Map.of("object", dispute));
		return JSON.writeValueAsString(event);
	}

	private ApiClient.Response deliver(String psp, String event) {
		return this.api.anonymous()
			.send("POST", "/v1/psp_webhooks/" + psp, event, Map.of("Simulator-Signature", PlatformStubs
				.simulatorSignature(event, PlatformStubs.SIMULATOR_WEBHOOK_SECRET, Instant.now().getEpochSecond())));
	}

	private static CloudEvent awaitEvent(String disputeId, String type) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> topic.events(type)
				.stream()
				.anyMatch(e -> e.data().path("dispute").path("id").asString("").equals(disputeId)));
		return topic.events(type)
			.stream()
			.filter(e -> e.data().path("dispute").path("id").asString("").equals(disputeId))
			.findFirst()
			.orElseThrow();
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
