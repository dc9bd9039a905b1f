package io.emberpay.payment.pspwebhook;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.payment.psp.AcquirerFault;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.payment.psp.stripe.FakeStripe;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stripe's webhooks at {@code POST /v1/psp_webhooks/stripe}: signed events drive payments
 * exactly once; anything not signed by the right Stripe account, in time, changes
 * nothing.
 */
@PaymentServiceTest
class StripeWebhookTests {

	static final String MERCHANT = "mer_on_stripe";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static TopicReader topic;

	@Value("${local.server.port}")
	int port;

	@Autowired
	PspRouter router;

	@Autowired
	JdbcClient jdbc;

	PaymentApi api;

	String user;

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
		this.router.channels().forEach(channel -> channel.breaker().reset());
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
	}

	@AfterEach
	void tearDown() {
		FakeStripe.get().clearFault();
		this.router.channels().forEach(channel -> channel.breaker().reset());
	}

	private String pay(String captureMethod, int status) {
		String card = this.api.paymentMethod(this.user, PaymentApi.VISA);
		ApiClient.Response paid = this.api.pay(this.user,
				PaymentApi.payment(2700, "USD", MERCHANT, card, captureMethod));
		assertThat(paid.status()).as(paid.body()).isEqualTo(status);
		return paid.text("id");
	}

	/** A payment whose every Stripe answer was lost: processing, with a PaymentIntent. */
	private String processingPayment() {
		FakeStripe.get().fault(AcquirerFault.slow(Duration.ofMillis(1500)));
		String id = pay("automatic", 202);
		FakeStripe.get().clearFault();
		return id;
	}

	private String status(String paymentId) {
		return this.api.user(this.user).get("/v1/payments/" + paymentId).text("status");
	}

	private ApiClient.Response deliver(String payload, String signature) {
		Map<String, String> headers = new HashMap<>();
		if (signature != null) {
			headers.put("Stripe-Signature", signature);
		}
		return this.api.anonymous().send("POST", "/v1/psp_webhooks/stripe", payload, headers);
	}

	private ApiClient.Response deliverSigned(String payload) {
		return deliver(payload,
				FakeStripe.signatureHeader(payload, FakeStripe.WEBHOOK_SECRET, Instant.now().getEpochSecond()));
	}

	private static String newEventId() {
		return "evt_" + UUID.randomUUID().toString().replace("-", "");
	}

	private long storedEvents(String eventId) {
		return this.jdbc.sql("select count(*) from psp_webhook_event where event_id = ?")
			.param(eventId)
			.query(Long.class)
			.single();
	}

	private static List<String> eventTypes(String paymentId) {
		return topic.events()
			.stream()
			.filter(e -> e.data().path("payment").path("id").asString("").equals(paymentId))
			.map(CloudEvent::type)
			.toList();
	}

	@Test
	void aSignedEventDeliveredThreeTimesAdvancesThePaymentOnce() {
		String paymentId = processingPayment();
		JsonNode intent = FakeStripe.get().paymentIntentOf(paymentId);
		String event = FakeStripe.get().event(newEventId(), "payment_intent.succeeded", intent);

		ApiClient.Response first = deliverSigned(event);
		ApiClient.Response second = deliverSigned(event);
		ApiClient.Response third = deliverSigned(event);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("duplicate").asBoolean()).isFalse();
		assertThat(first.text("outcome")).isEqualTo("payment_succeeded");
		for (ApiClient.Response again : List.of(second, third)) {
			assertThat(again.status()).as(again.body()).isEqualTo(200);
			assertThat(again.json().get("duplicate").asBoolean()).isTrue();
		}
		assertThat(status(paymentId)).isEqualTo("succeeded");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(eventTypes(paymentId)).contains("payment.succeeded"));
		assertThat(eventTypes(paymentId)).filteredOn("payment.succeeded"::equals).hasSize(1);
	}

	@Test
	void aPaymentFailedEventDeclinesAProcessingPaymentWithTheMappedCode() {
		String paymentId = processingPayment();
		ObjectNode intent = (ObjectNode) FakeStripe.get().paymentIntentOf(paymentId).deepCopy();
		intent.put("status", "requires_payment_method");
		ObjectNode error = intent.putObject("last_payment_error");
		error.put("type", "card_error");
		error.put("code", "card_declined");
		error.put("decline_code", "insufficient_funds");
		error.put("message", "Your card has insufficient funds.");

		ApiClient.Response response = deliverSigned(
				FakeStripe.get().event(newEventId(), "payment_intent.payment_failed", intent));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode payment = this.api.user(this.user).get("/v1/payments/" + paymentId).json();
		assertThat(payment.get("status").asString()).isEqualTo("failed");
		assertThat(payment.get("failure_code").asString()).isEqualTo("insufficient_funds");
	}

	@Test
	void aCaptureMadeAtStripeCapturesTheHeldPayment() {
		String paymentId = pay("manual", 201);
		ObjectNode intent = (ObjectNode) FakeStripe.get().paymentIntentOf(paymentId).deepCopy();
		intent.put("status", "succeeded");
		intent.put("amount_received", 2000);
		intent.put("amount_capturable", 0);

		ApiClient.Response response = deliverSigned(
				FakeStripe.get().event(newEventId(), "payment_intent.succeeded", intent));

		assertThat(response.text("outcome")).as(response.body()).isEqualTo("payment_captured");
		JsonNode payment = this.api.user(this.user).get("/v1/payments/" + paymentId).json();
		assertThat(payment.get("status").asString()).isEqualTo("succeeded");
		assertThat(payment.get("amount_received").asLong()).isEqualTo(2000);
	}

	@Test
	void aRefundStripeFailsWhileItIsPendingHereFailsAndReleasesItsAmount() {
		String paymentId = pay("automatic", 201);
		ApiClient merchant = this.api.merchant(MERCHANT);
		FakeStripe.get().fault(AcquirerFault.slow(Duration.ofMillis(1500)));
		ApiClient.Response refund = merchant.post("/v1/refunds", Map.of("payment", paymentId, "amount", 700),
				PaymentApi.key());
		FakeStripe.get().clearFault();
		assertThat(refund.text("status")).as(refund.body()).isEqualTo("pending");
		ObjectNode stripeRefund = FakeStripe.get().failRefundOf(refund.text("id"));

		ApiClient.Response response = deliverSigned(
				FakeStripe.get().event(newEventId(), "refund.failed", stripeRefund));

		assertThat(response.text("outcome")).as(response.body()).isEqualTo("refund_failed");
		assertThat(merchant.get("/v1/refunds/" + refund.text("id")).text("status")).isEqualTo("failed");
		// the timeouts above may have opened Stripe's breaker; this refund is about the
		// amount, not the breaker
		this.router.channels().forEach(channel -> channel.breaker().reset());
		ApiClient.Response whole = merchant.post("/v1/refunds", Map.of("payment", paymentId), PaymentApi.key());
		assertThat(whole.status()).as(whole.body()).isEqualTo(201);
		assertThat(whole.json().get("amount").asLong()).isEqualTo(2700);
	}

	@Test
	void forgedStaleUnsignedAndMalformedCallsAreRefusedAndChangeNothing() {
		String paymentId = processingPayment();
		String eventId = newEventId();
		String event = FakeStripe.get()
			.event(eventId, "payment_intent.succeeded", FakeStripe.get().paymentIntentOf(paymentId));
		long now = Instant.now().getEpochSecond();
		String good = FakeStripe.signatureHeader(event, FakeStripe.WEBHOOK_SECRET, now);

		ApiClient.Response wrongSecret = deliver(event,
				FakeStripe.signatureHeader(event, "whsec_someoneElsesSecret", now));
		ApiClient.Response tampered = deliver(event.replace("\"livemode\":false", "\"livemode\":false "), good);
		ApiClient.Response stale = deliver(event,
				FakeStripe.signatureHeader(event, FakeStripe.WEBHOOK_SECRET, now - 600));
		ApiClient.Response unsigned = deliver(event, null);
		ApiClient.Response badHeader = deliver(event, "t=" + now);
		String notAnEvent = "{\"hello\":\"world\"}";
		ApiClient.Response malformed = deliver(notAnEvent,
				FakeStripe.signatureHeader(notAnEvent, FakeStripe.WEBHOOK_SECRET, now));

		for (ApiClient.Response refused : List.of(wrongSecret, tampered, stale, unsigned)) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(401);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.text("code")).isEqualTo("webhook_signature_invalid");
		}
		for (ApiClient.Response refused : List.of(badHeader, malformed)) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(400);
			assertThat(refused.text("code")).isEqualTo("webhook_malformed");
		}
		assertThat(status(paymentId)).isEqualTo("processing");
		assertThat(storedEvents(eventId)).isZero();
	}

	@Test
	void anEventSignedByAnotherMerchantsStripeAccountDoesNotTouchThePayment() {
		String paymentId = processingPayment();
		String eventId = newEventId();
		String event = FakeStripe.get()
			.event(eventId, "payment_intent.succeeded", FakeStripe.get().paymentIntentOf(paymentId));

		ApiClient.Response response = deliver(event, FakeStripe.signatureHeader(event,
				FakeStripe.OTHER_MERCHANT_WEBHOOK_SECRET, Instant.now().getEpochSecond()));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("not_this_account");
		assertThat(status(paymentId)).isEqualTo("processing");
	}

	@Test
	void eventsAboutNothingOfOursAreStoredAndAcknowledged() {
		String eventId = newEventId();
		ObjectNode intent = JSON.createObjectNode();
		intent.put("id", "pi_notours");
		intent.put("object", "payment_intent");
		intent.put("status", "succeeded");
		intent.put("amount", 100);

		ApiClient.Response response = deliverSigned(
				FakeStripe.get().event(eventId, "payment_intent.succeeded", intent));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("unknown_payment");
		assertThat(storedEvents(eventId)).isEqualTo(1);
	}

}
