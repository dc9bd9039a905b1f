package io.emberpay.notification.webhook;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.dispute.DisputeCreated;
import io.emberpay.events.dispute.DisputeSnapshot;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payout.PayoutFailed;
import io.emberpay.events.payout.PayoutPaid;
import io.emberpay.events.payout.PayoutSnapshot;
import io.emberpay.events.subscription.EntitlementEvent;
import io.emberpay.events.subscription.EntitlementSnapshot;
import io.emberpay.events.subscription.InvoiceEvent;
import io.emberpay.events.subscription.InvoiceSnapshot;
import io.emberpay.events.subscription.SubscriptionEvent;
import io.emberpay.events.subscription.SubscriptionSnapshot;
import io.emberpay.notification.support.Mailbox;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.support.PlatformEvents;
import io.emberpay.notification.support.StandardWebhooksVerifier;
import io.emberpay.notification.support.TestClock;
import io.emberpay.notification.support.UntrustedTlsReceiver;
import io.emberpay.notification.support.WebhookReceiver;
import io.emberpay.notification.webhook.endpoint.SecretCipher;
import io.emberpay.notification.webhook.signing.WebhookSecret;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationTest
class WebhookDeliveryTests {

	private static final Duration PROMPT = Duration.ofSeconds(30);

	@Value("${local.server.port}")
	int port;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretCipher cipher;

	@Autowired
	GreenMail smtp;

	private final PlatformEvents events = new PlatformEvents();

	private final List<WebhookReceiver> receivers = new ArrayList<>();

	@AfterEach
	void closeReceivers() {
		this.receivers.forEach(WebhookReceiver::close);
		this.events.close();
	}

	private WebhookReceiver receiver() {
		WebhookReceiver receiver = new WebhookReceiver();
		this.receivers.add(receiver);
		return receiver;
	}

	private ApiClient merchant(String id) {
		return new ApiClient("http://localhost:" + this.port).withToken(TestTokens.get().merchant(id));
	}

	/** Registers an endpoint; answers {id, secret}. */
	private String[] register(ApiClient api, String url, String... types) {
		ApiClient.Response created = api.post("/v1/webhook_endpoints", Map.of("url", url, "events", List.of(types)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new String[] { created.text("id"), created.text("secret") };
	}

	private CloudEvent paymentSucceeded(String merchant) {
		return this.events
			.publishPayment(PlatformEvents.succeeded(PlatformEvents.payment(merchant, null, 1999, "USD")));
	}

	@Test
	void deliversSignedEventsThatAnIndependentVerifierAccepts() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		String secret = register(merchant(merchant), receiver.url(), "payment.succeeded")[1];
		PaymentSnapshot payment = PlatformEvents.payment(merchant, null, 1999, "USD");

		CloudEvent sent = this.events.publishPayment(PlatformEvents.succeeded(payment));
		this.events
			.publishPayment(new io.emberpay.events.payment.PaymentFailed(ResourceIds.event(), Instant.now(), payment));
		this.events.publishPayment(
				PlatformEvents.succeeded(PlatformEvents.payment(ResourceIds.next("mer"), null, 500, "USD")));

		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 1);
		WebhookReceiver.Received delivery = receiver.received().get(0);
		assertThat(delivery.method()).isEqualTo("POST");
		assertThat(delivery.path()).isEqualTo("/hooks/emberpay");
		assertThat(delivery.headers().get("content-type")).startsWith("application/json");
		assertThat(delivery.webhookId()).isEqualTo(sent.id());
		assertThat(new StandardWebhooksVerifier(secret).verify(delivery.webhookId(),
				delivery.headers().get("webhook-timestamp"), delivery.headers().get("webhook-signature"),
				delivery.body(), this.clock.instant().getEpochSecond(), 300))
			.isTrue();
		JsonNode body = EventCodec.json().readTree(delivery.body());
		assertThat(body.get("id").asString()).isEqualTo(sent.id());
		assertThat(body.get("type").asString()).isEqualTo("payment.succeeded");
		assertThat(body.get("created").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		JsonNode object = body.get("data").get("object");
		assertThat(object.get("id").asString()).isEqualTo(payment.id());
		assertThat(object.get("amount").asLong()).isEqualTo(1999);
		assertThat(object.get("card").get("last4").asString()).isEqualTo("4242");
		assertThat(delivery.body()).doesNotContain("4242424242424242");
		// payment.failed is not subscribed and the other merchant's payment is not ours
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> receiver.received().size() == 1);
	}

	@Test
	void testEventGoesSignedToThatEndpointOnlyAndAnotherMerchantCannotSendOne() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		WebhookReceiver other = receiver();
		String[] endpoint = register(merchant(merchant), receiver.url(), "payment.succeeded");
		register(merchant(merchant), other.url(), "*");

		ApiClient.Response sent = merchant(merchant).post("/v1/webhook_endpoints/" + endpoint[0] + "/test_event", null);
		assertThat(sent.status()).as(sent.body()).isEqualTo(201);
		assertThat(sent.text("type")).isEqualTo("webhook_endpoint.test");
		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 1);
		WebhookReceiver.Received delivery = receiver.received().get(0);
		assertThat(delivery.webhookId()).isEqualTo(sent.text("id"));
		assertThat(new StandardWebhooksVerifier(endpoint[1]).verify(delivery.webhookId(),
				delivery.headers().get("webhook-timestamp"), delivery.headers().get("webhook-signature"),
				delivery.body(), this.clock.instant().getEpochSecond(), 300))
			.isTrue();
		assertThat(EventCodec.json().readTree(delivery.body()).get("data").get("object").get("id").asString())
			.isEqualTo(endpoint[0]);
		assertThat(merchant(ResourceIds.next("mer")).post("/v1/webhook_endpoints/" + endpoint[0] + "/test_event", null)
			.status()).isEqualTo(404);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> other.received().isEmpty());
	}

	/**
	 * The value of the first scraped series with this name whose labels hold
	 * {@code label}.
	 */
	private double scraped(String name, String label) {
		String body = new ApiClient("http://localhost:" + this.port).get("/actuator/prometheus").body();
		return body.lines()
			.filter(line -> line.startsWith(name + "{") && line.contains(label))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElse(0);
	}

	@Test
	void attemptResultsAndTheBacklogAreExportedToPrometheus() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		String endpointId = register(merchant(merchant), receiver.url(), "payment.succeeded")[0];
		receiver.answer(503);
		double failedBefore = scraped("emberpay_webhook_deliveries_total", "outcome=\"failed\"");
		double succeededBefore = scraped("emberpay_webhook_deliveries_total", "outcome=\"succeeded\"");

		paymentSucceeded(merchant);

		awaitAttempts(endpointId, 1);
		await().atMost(PROMPT)
			.untilAsserted(() -> assertThat(scraped("emberpay_webhook_deliveries_total", "outcome=\"failed\""))
				.isGreaterThanOrEqualTo(failedBefore + 1));
		// the failed delivery waits for its retry
		assertThat(scraped("emberpay_webhook_backlog", "application=")).isGreaterThanOrEqualTo(1);

		receiver.answer(200);
		this.clock.advance(Duration.ofSeconds(6));
		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 1);
		await().atMost(PROMPT)
			.untilAsserted(() -> assertThat(scraped("emberpay_webhook_deliveries_total", "outcome=\"succeeded\""))
				.isGreaterThanOrEqualTo(succeededBefore + 1));
	}

	@Test
	void deliversRefundsAndFraudAlertsAsTheirOwnObjects() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		register(merchant(merchant), receiver.url(), "refund.succeeded", "fraud.alert");
		PaymentSnapshot payment = PlatformEvents.payment(merchant, ResourceIds.next("usr"), 1999, "USD");
		CloudEvent refund = this.events.publishPayment(PlatformEvents.refunded(payment, 500));
		CloudEvent alert = this.events.publish(Topics.FRAUD, PlatformEvents.fraudAlert(merchant, payment.user(), 1999));

		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 2);
		JsonNode refundObject = objectOf(receiver, refund.id());
		assertThat(refundObject.get("object").asString()).isEqualTo("refund");
		assertThat(refundObject.get("payment").asString()).isEqualTo(payment.id());
		assertThat(refundObject.get("amount").asLong()).isEqualTo(500);
		JsonNode alertObject = objectOf(receiver, alert.id());
		assertThat(alertObject.get("object").asString()).isEqualTo("fraud_alert");
		assertThat(alertObject.get("id").asString()).startsWith("fal_");
		assertThat(alertObject.get("score").asInt()).isEqualTo(91);
		assertThat(alertObject.has("event_id")).isFalse();
	}

	@Test
	void deliversSubscriptionInvoiceAndEntitlementEventsSignedAsTheirOwnObjects() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		String secret = register(merchant(merchant), receiver.url(), "subscription.renewed", "invoice.paid",
				"entitlement.revoked")[1];
		Instant now = Instant.now();
		String user = ResourceIds.next("usr");
		String subscriptionId = ResourceIds.next("sub");
		SubscriptionSnapshot subscription = new SubscriptionSnapshot(subscriptionId, "subscription", merchant, user,
				"prod_1", "price_1", "premium", "active", now, now.plus(Duration.ofDays(30)), null, false, null, false,
				now);
		InvoiceSnapshot invoice = new InvoiceSnapshot(ResourceIds.next("in"), "invoice", merchant, user, subscriptionId,
				999, "USD", "paid", "subscription_cycle", now, now.plus(Duration.ofDays(30)), 0, null, "pay_1", null,
				false, now);
		EntitlementSnapshot entitlement = new EntitlementSnapshot(ResourceIds.next("ent"), "entitlement", merchant,
				user, "premium", "subscription", subscriptionId, now, false);

		CloudEvent renewed = this.events.publish(Topics.SUBSCRIPTIONS,
				new SubscriptionEvent.SubscriptionRenewed(ResourceIds.event(), now, subscription));
		CloudEvent paid = this.events.publish(Topics.SUBSCRIPTIONS,
				new InvoiceEvent.InvoicePaid(ResourceIds.event(), now, invoice));
		CloudEvent revoked = this.events.publish(Topics.SUBSCRIPTIONS,
				new EntitlementEvent.EntitlementRevoked(ResourceIds.event(), now, entitlement));

		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 3);
		assertThat(receiver.received()).allSatisfy(delivery -> assertThat(verifies(secret, delivery)).isTrue());
		assertThat(objectOf(receiver, renewed.id()).get("id").asString()).isEqualTo(subscriptionId);
		assertThat(objectOf(receiver, paid.id()).get("object").asString()).isEqualTo("invoice");
		assertThat(objectOf(receiver, paid.id()).get("amount_due").asLong()).isEqualTo(999);
		assertThat(objectOf(receiver, revoked.id()).get("tier").asString()).isEqualTo("premium");
	}

	@Test
	void deliversPayoutsAndDisputesToTheirMerchantAsTheirOwnObjects() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		register(merchant(merchant), receiver.url(), "payout.paid", "dispute.created");
		PayoutSnapshot payout = new PayoutSnapshot(ResourceIds.next("po"), "payout", 9_680, "EUR", "paid", merchant,
				"ba_1", "3000", "Commerzbank", "DE", "psp-a", "spo_1", "standard", null, Instant.now(), false);
		DisputeSnapshot dispute = new DisputeSnapshot(ResourceIds.next("dp"), "dispute", ResourceIds.next("pay"),
				merchant, 2_700, 1_500, "USD", "fraudulent", "needs_response", "stripe", "du_1",
				Instant.now().plusSeconds(86_400), Instant.now(), false);
		CloudEvent paid = this.events.publishPayment(new PayoutPaid(ResourceIds.event(), Instant.now(), payout));
		CloudEvent opened = this.events.publishPayment(new DisputeCreated(ResourceIds.event(), Instant.now(), dispute));
		this.events.publishPayment(new PayoutFailed(ResourceIds.event(), Instant.now(), payout));

		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 2);
		assertThat(objectOf(receiver, paid.id()).get("id").asString()).isEqualTo(payout.id());
		assertThat(objectOf(receiver, paid.id()).get("bank_last4").asString()).isEqualTo("3000");
		assertThat(objectOf(receiver, opened.id()).get("object").asString()).isEqualTo("dispute");
		assertThat(objectOf(receiver, opened.id()).get("fee").asLong()).isEqualTo(1_500);
	}

	private static JsonNode objectOf(WebhookReceiver receiver, String eventId) {
		return receiver.received()
			.stream()
			.filter(r -> r.webhookId().equals(eventId))
			.map(r -> EventCodec.json().readTree(r.body()).get("data").get("object"))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void duplicateKafkaRecordsProduceOneDelivery() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		register(merchant(merchant), receiver.url(), "*");
		CloudEvent first = paymentSucceeded(merchant);
		String json = EventCodec.toJson(first);
		for (int i = 0; i < 3; i++) {
			this.events.publishRaw(Topics.PAYMENTS, first.subject(), json);
		}
		CloudEvent sentinel = paymentSucceeded(merchant);

		await().atMost(PROMPT)
			.until(() -> receiver.acknowledged().stream().anyMatch(r -> r.webhookId().equals(sentinel.id())));
		assertThat(receiver.received()).filteredOn(r -> r.webhookId().equals(first.id())).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from webhook_delivery where event_id = ?")
			.param(first.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void receiverDownForThirtyMinutesGetsEverythingInRetryOrderWhileHealthyEndpointStaysPrompt() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant);
		WebhookReceiver down = receiver();
		WebhookReceiver healthy = receiver();
		String downId = register(api, down.url(), "payment.succeeded")[0];
		register(api, healthy.url(), "payment.succeeded");
		down.answer(503);

		List<String> sent = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			sent.add(paymentSucceeded(merchant).id());
		}
		await().atMost(PROMPT).until(() -> healthy.acknowledged().size() == 5);
		awaitAttempts(downId, 5);

		// the outage goes on: retries at about 5 s and 5 min fail too
		this.clock.advance(Duration.ofSeconds(6));
		awaitAttempts(downId, 10);
		this.clock.advance(Duration.ofMinutes(6));
		awaitAttempts(downId, 15);

		// meanwhile new events reach the healthy endpoint at once
		Instant before = Instant.now();
		String during = paymentSucceeded(merchant).id();
		await().atMost(PROMPT).until(() -> healthy.acknowledged().stream().anyMatch(r -> r.webhookId().equals(during)));
		assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(10));
		sent.add(during);

		// 30 minutes in, the receiver comes back; the next retries (30 min after the
		// last) get through
		this.clock.advance(Duration.ofMinutes(24));
		down.answer(200);
		List<String> retryOrder = this.jdbc.sql("""
				select event_id from webhook_delivery where endpoint_id = ? and state = 'pending'
				order by next_attempt_at, id""").param(downId).query(String.class).list();
		this.clock.advance(Duration.ofMinutes(40));

		await().atMost(PROMPT).until(() -> down.acknowledged().size() == sent.size());
		assertThat(down.acknowledged().stream().map(WebhookReceiver.Received::webhookId))
			.containsExactlyInAnyOrderElementsOf(sent);
		List<String> firstArrivals = down.acknowledged()
			.stream()
			.map(WebhookReceiver.Received::webhookId)
			.filter(retryOrder::contains)
			.toList();
		assertThat(firstArrivals).containsExactlyElementsOf(retryOrder);
		assertThat(merchant(merchant).get("/v1/events?delivery_status=undelivered").json().get("data")).isEmpty();
	}

	@Test
	void slowEndpointNeverHoldsUpAnotherEndpoint() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant);
		WebhookReceiver slow = receiver();
		WebhookReceiver fast = receiver();
		register(api, slow.url(), "*");
		register(api, fast.url(), "*");
		slow.hang();

		for (int i = 0; i < 10; i++) {
			paymentSucceeded(merchant);
		}
		await().atMost(PROMPT).until(() -> fast.acknowledged().size() == 10);
		assertThat(slow.received()).isEmpty();

		slow.release();
		await().atMost(PROMPT).until(() -> slow.acknowledged().size() == 10);
	}

	@Test
	void redeliversAnEventOnRequestWithTheSameId() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant);
		WebhookReceiver receiver = receiver();
		String endpoint = register(api, receiver.url(), "payment.succeeded")[0];
		CloudEvent event = paymentSucceeded(merchant);
		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 1);

		ApiClient.Response listed = api.get("/v1/events?type=payment.succeeded&delivery_status=delivered");
		assertThat(listed.json().get("data").get(0).get("id").asString()).isEqualTo(event.id());
		ApiClient.Response fetched = api.get("/v1/events/" + event.id());
		assertThat(fetched.text("delivery_status")).isEqualTo("delivered");
		assertThat(fetched.json().get("data").get("object").get("merchant").asString()).isEqualTo(merchant);

		assertThat(merchant(ResourceIds.next("mer")).post("/v1/events/" + event.id() + "/redeliver", null).status())
			.isEqualTo(404);
		assertThat(merchant(ResourceIds.next("mer")).get("/v1/events/" + event.id()).status()).isEqualTo(404);
		ApiClient.Response redelivered = api.post("/v1/events/" + event.id() + "/redeliver", null);
		assertThat(redelivered.status()).isEqualTo(200);

		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 2);
		assertThat(receiver.received()).extracting(WebhookReceiver.Received::webhookId)
			.containsExactly(event.id(), event.id());
		assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());

		ApiClient.Response attempts = api.get("/v1/webhook_endpoints/" + endpoint + "/attempts");
		assertThat(attempts.json().get("data")).hasSize(2);
		JsonNode attempt = attempts.json().get("data").get(0);
		assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
		assertThat(attempt.get("succeeded").asBoolean()).isTrue();
		assertThat(attempt.get("event").asString()).isEqualTo(event.id());
		assertThat(attempt.has("latency_ms")).isTrue();
	}

	@Test
	void rotationSignsWithBothSecretsUntilTheOverlapEnds() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant);
		WebhookReceiver receiver = receiver();
		String[] endpoint = register(api, receiver.url(), "payment.succeeded");
		String oldSecret = endpoint[1];
		String newSecret = api.post("/v1/webhook_endpoints/" + endpoint[0] + "/rotate_secret", null).text("secret");

		paymentSucceeded(merchant);
		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 1);
		WebhookReceiver.Received during = receiver.received().get(0);
		assertThat(during.headers().get("webhook-signature").split(" ")).hasSize(2);
		assertThat(verifies(oldSecret, during)).isTrue();
		assertThat(verifies(newSecret, during)).isTrue();

		this.clock.advance(Duration.ofHours(25));
		paymentSucceeded(merchant);
		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 2);
		WebhookReceiver.Received after = receiver.received().get(1);
		assertThat(after.headers().get("webhook-signature").split(" ")).hasSize(1);
		assertThat(verifies(newSecret, after)).isTrue();
		assertThat(verifies(oldSecret, after)).isFalse();
	}

	@Test
	void exhaustedRetriesMarkTheEndpointFailingAlertTheMerchantAndKeepTheEventReplayable() {
		String merchant = ResourceIds.next("mer");
		this.events.merchantCreated(merchant, merchant + "@shop.example");
		ApiClient api = merchant(merchant);
		WebhookReceiver receiver = receiver();
		String endpoint = register(api, receiver.url(), "payment.succeeded")[0];
		receiver.answer(500);
		CloudEvent event = paymentSucceeded(merchant);

		for (int attempt = 1; attempt <= 13; attempt++) {
			awaitAttempts(endpoint, attempt);
			this.clock.advance(Duration.ofHours(12));
		}
		await().atMost(PROMPT)
			.until(() -> "failing".equals(api.get("/v1/webhook_endpoints/" + endpoint).text("status")));
		assertThat(receiver.received()).hasSize(13);
		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, merchant + "@shop.example").size() == 1);
		assertThat(Mailbox.of(this.smtp, merchant + "@shop.example").get(0).body()).contains(event.id(), endpoint);
		ApiClient.Response failed = api.get("/v1/events?delivery_status=failed");
		assertThat(failed.json().get("data").get(0).get("id").asString()).isEqualTo(event.id());
		assertThat(api.get("/v1/events?delivery_status=undelivered").json().get("data")).hasSize(1);

		receiver.answer(200);
		assertThat(api.post("/v1/events/" + event.id() + "/redeliver", null).status()).isEqualTo(200);
		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 1);
		await().atMost(PROMPT)
			.until(() -> "enabled".equals(api.get("/v1/webhook_endpoints/" + endpoint).text("status")));
		assertThat(api.get("/v1/events/" + event.id()).text("delivery_status")).isEqualTo("delivered");
	}

	@Test
	void goneDisablesTheEndpointTellsTheMerchantAndLosesNothing() {
		String merchant = ResourceIds.next("mer");
		this.events.merchantCreated(merchant, merchant + "@shop.example");
		ApiClient api = merchant(merchant);
		WebhookReceiver receiver = receiver();
		String endpoint = register(api, receiver.url(), "payment.succeeded")[0];
		receiver.answer(410);
		CloudEvent first = paymentSucceeded(merchant);

		await().atMost(PROMPT)
			.until(() -> "disabled".equals(api.get("/v1/webhook_endpoints/" + endpoint).text("status")));
		await().atMost(PROMPT)
			.until(() -> Mailbox.of(this.smtp, merchant + "@shop.example")
				.stream()
				.anyMatch(mail -> mail.subject().equals("Your webhook endpoint was disabled")));
		// recorded while disabled, sent nowhere, replayable
		CloudEvent second = paymentSucceeded(merchant);
		await().atMost(PROMPT).until(() -> api.get("/v1/events/" + second.id()).status() == 200);
		assertThat(api.get("/v1/events/" + second.id()).text("delivery_status")).isEqualTo("none");
		assertThat(api.get("/v1/events/" + first.id()).text("delivery_status")).isEqualTo("failed");
		assertThat(receiver.received()).hasSize(1);

		receiver.answer(200);
		assertThat(api.post("/v1/webhook_endpoints/" + endpoint, Map.of("disabled", false)).text("status"))
			.isEqualTo("enabled");
		assertThat(api.post("/v1/events/" + first.id() + "/redeliver", null).status()).isEqualTo(200);
		assertThat(api.post("/v1/events/" + second.id() + "/redeliver", null).status()).isEqualTo(200);
		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 2);
		assertThat(receiver.acknowledged()).extracting(WebhookReceiver.Received::webhookId)
			.containsExactlyInAnyOrder(first.id(), second.id());
	}

	@Test
	void treatsARedirectAsAFailureAndNeverFollowsIt() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		String endpoint = register(merchant(merchant), receiver.url(), "*")[0];
		receiver.answer(307);
		paymentSucceeded(merchant);

		awaitAttempts(endpoint, 1);
		assertThat(this.jdbc.sql("select error from webhook_attempt where endpoint_id = ?")
			.param(endpoint)
			.query(String.class)
			.single()).contains("redirects are not followed");
		assertThat(receiver.received()).hasSize(1);
	}

	@Test
	void verifiesTheReceiversCertificate() {
		String merchant = ResourceIds.next("mer");
		try (UntrustedTlsReceiver receiver = new UntrustedTlsReceiver()) {
			String endpoint = register(merchant(merchant), receiver.url(), "*")[0];
			paymentSucceeded(merchant);

			awaitAttempts(endpoint, 1);
			assertThat(this.jdbc.sql("select error from webhook_attempt where endpoint_id = ?")
				.param(endpoint)
				.query(String.class)
				.single()).startsWith("network error").containsAnyOf("PKIX", "certificate");
			assertThat(receiver.requests()).isZero();
		}
	}

	@Test
	void refusesHostileTargetsAgainAtEveryAttempt() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver receiver = receiver();
		int port = Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/.*", "$1"));
		List<String> urls = new ArrayList<>(HostileUrls.ALL);
		// the receiver really listens here, so a connection would show up on it
		urls.addAll(List.of("http://localhost:" + port + "/hooks", "https://localhost:" + port + "/hooks",
				"http://2130706433:" + port + "/hooks", "http://[::ffff:127.0.0.1]:" + port + "/hooks",
				"http://127.1:" + port + "/hooks", "https://[::1]:" + port + "/hooks"));
		List<String> endpoints = new ArrayList<>();
		for (String url : urls) {
			endpoints.add(insertEndpointBypassingRegistration(merchant, url));
		}

		paymentSucceeded(merchant);

		await().atMost(PROMPT)
			.until(() -> this.jdbc.sql("select count(*) from webhook_attempt where endpoint_id = any(?)")
				.param(endpoints.toArray(String[]::new))
				.query(Integer.class)
				.single() >= endpoints.size());
		List<String> errors = this.jdbc.sql("select error from webhook_attempt where endpoint_id = any(?)")
			.param(endpoints.toArray(String[]::new))
			.query(String.class)
			.list();
		assertThat(errors).hasSize(endpoints.size())
			.allSatisfy(error -> assertThat(error).startsWith("target refused"));
		assertThat(receiver.received()).isEmpty();
	}

	/** An endpoint whose URL became hostile after registration (e.g. its DNS changed). */
	private String insertEndpointBypassingRegistration(String merchant, String url) {
		String id = ResourceIds.next("we");
		this.jdbc.sql("""
				insert into webhook_endpoint (id, merchant, url, events, status, livemode, secret_ciphertext,
				    created_at, updated_at)
				values (?, ?, ?, ?, 'enabled', false, ?, ?, ?)""")
			.params(id, merchant, url, new String[] { "*" }, this.cipher.encrypt(id, WebhookSecret.generate()),
					Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
			.update();
		return id;
	}

	private void awaitAttempts(String endpoint, int count) {
		await().atMost(PROMPT)
			.until(() -> this.jdbc.sql("select count(*) from webhook_attempt where endpoint_id = ?")
				.param(endpoint)
				.query(Integer.class)
				.single() >= count);
	}

	private boolean verifies(String secret, WebhookReceiver.Received received) {
		return new StandardWebhooksVerifier(secret).verify(received.webhookId(),
				received.headers().get("webhook-timestamp"), received.headers().get("webhook-signature"),
				received.body(), this.clock.instant().getEpochSecond(), 300);
	}

}
