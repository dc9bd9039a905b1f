package io.emberpay.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.subscription.EntitlementEvent;
import io.emberpay.events.subscription.EntitlementSnapshot;
import io.emberpay.events.subscription.InvoiceEvent;
import io.emberpay.events.subscription.InvoiceSnapshot;
import io.emberpay.events.subscription.SubscriptionEvent;
import io.emberpay.events.subscription.SubscriptionSnapshot;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.support.PlatformEvents;
import io.emberpay.notification.support.WebhookReceiver;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finding 2 of issue 21: every event a merchant receives as a webhook goes only to the
 * endpoints of its own mode, and says that mode in its body. Subscription-service's
 * events (subscriptions, invoices, entitlements) name it on their object like payments
 * do; an event that names none (written before its type carried a mode) is a test event.
 */
@NotificationTest
@Tag("security")
class WebhookEventModeRoutingTests {

	private static final Duration PROMPT = Duration.ofSeconds(30);

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	private final PlatformEvents events = new PlatformEvents();

	private final List<WebhookReceiver> receivers = new ArrayList<>();

	@AfterEach
	void close() {
		this.receivers.forEach(WebhookReceiver::close);
		this.events.close();
	}

	@Test
	void liveSubscriptionInvoiceAndEntitlementEventsReachOnlyTheLiveEndpoint() {
		Modes modes = endpointsInBothModes();

		List<CloudEvent> sent = publishSubscriptionEvents(modes.merchant(), true);

		await().atMost(PROMPT).until(() -> modes.live().acknowledged().size() == sent.size());
		assertThat(modes.live().received()).allSatisfy(delivery -> {
			JsonNode body = EventCodec.json().readTree(delivery.body());
			assertThat(body.get("livemode").asBoolean()).isTrue();
			assertThat(body.get("data").get("object").get("livemode").asBoolean()).isTrue();
		});
		assertThat(deliveriesTo(modes.testEndpoint())).isZero();
		assertThat(modes.test().received()).isEmpty();
	}

	@Test
	void testSubscriptionInvoiceAndEntitlementEventsReachOnlyTheTestEndpoint() {
		Modes modes = endpointsInBothModes();

		List<CloudEvent> sent = publishSubscriptionEvents(modes.merchant(), false);

		await().atMost(PROMPT).until(() -> modes.test().acknowledged().size() == sent.size());
		assertThat(modes.test().received()).allSatisfy(delivery -> {
			JsonNode body = EventCodec.json().readTree(delivery.body());
			assertThat(body.get("livemode").asBoolean()).isFalse();
			assertThat(body.get("data").get("object").get("livemode").asBoolean()).isFalse();
		});
		assertThat(deliveriesTo(modes.liveEndpoint())).isZero();
		assertThat(modes.live().received()).isEmpty();
	}

	@Test
	void anEntitlementEventWrittenBeforeEntitlementsCarriedAModeIsATestEvent() {
		Modes modes = endpointsInBothModes();
		EntitlementSnapshot entitlement = new EntitlementSnapshot(ResourceIds.next("ent"), "entitlement",
				modes.merchant(), ResourceIds.next("usr"), "premium", "subscription", ResourceIds.next("sub"),
				Instant.now(), true);
		CloudEvent envelope = EventCodec.envelope("/test",
				new EntitlementEvent.EntitlementGranted(ResourceIds.event(), Instant.now(), entitlement), null);
		ObjectNode json = (ObjectNode) EventCodec.json().readTree(EventCodec.toJson(envelope));
		((ObjectNode) json.path("data").path("entitlement")).remove("livemode");

		this.events.publishRaw(Topics.SUBSCRIPTIONS, entitlement.sourceId(), json.toString());

		await().atMost(PROMPT).until(() -> modes.test().acknowledged().size() == 1);
		assertThat(EventCodec.json().readTree(modes.test().received().get(0).body()).get("livemode").asBoolean())
			.isFalse();
		assertThat(deliveriesTo(modes.liveEndpoint())).isZero();
		assertThat(live(modes.merchant()).get("/v1/events/" + envelope.id()).status()).isEqualTo(404);
		assertThat(test(modes.merchant()).get("/v1/events/" + envelope.id()).status()).isEqualTo(200);
	}

	/**
	 * fraud-service learns the payment's mode with its score request and states it on the
	 * alert: a live alert reaches the live endpoint only, a modeless one (written before
	 * alerts carried it) the test endpoint only.
	 */
	@Test
	void aLiveFraudAlertReachesOnlyTheLiveEndpointAndAModelessOneOnlyTheTestEndpoint() {
		Modes modes = endpointsInBothModes();
		String user = ResourceIds.next("usr");

		CloudEvent live = this.events.publish(Topics.FRAUD,
				PlatformEvents.fraudAlert(modes.merchant(), user, 1999, true));
		CloudEvent modeless = this.events.publish(Topics.FRAUD,
				PlatformEvents.fraudAlert(modes.merchant(), user, 1999, null));

		await().atMost(PROMPT)
			.until(() -> modes.live().acknowledged().size() == 1 && modes.test().acknowledged().size() == 1);
		JsonNode liveBody = EventCodec.json().readTree(modes.live().received().get(0).body());
		assertThat(modes.live().received().get(0).webhookId()).isEqualTo(live.id());
		assertThat(liveBody.get("type").asString()).isEqualTo("fraud.alert");
		assertThat(liveBody.get("livemode").asBoolean()).isTrue();
		assertThat(liveBody.get("data").get("object").get("livemode").asBoolean()).isTrue();
		assertThat(modes.test().received().get(0).webhookId()).isEqualTo(modeless.id());
		assertThat(EventCodec.json().readTree(modes.test().received().get(0).body()).get("livemode").asBoolean())
			.isFalse();
		assertThat(test(modes.merchant()).get("/v1/events/" + live.id()).status()).isEqualTo(404);
		assertThat(live(modes.merchant()).get("/v1/events/" + live.id()).status()).isEqualTo(200);
	}

	/**
	 * Payouts and disputes name their mode on their object (ledger-service, issue 21);
	 * one that names it live goes to the live endpoint only, one that does not to the
	 * test endpoint only.
	 */
	@Test
	void aPayoutGoesToTheEndpointsOfTheModeItNamesAndToTestOnesWhenItNamesNone() {
		Modes modes = endpointsInBothModes();
		ObjectNode modeless = payoutPaid(modes.merchant());
		ObjectNode live = payoutPaid(modes.merchant());
		((ObjectNode) live.path("data").path("payout")).put("livemode", true);

		this.events.publishRaw(Topics.PAYMENTS, "po_1", modeless.toString());
		this.events.publishRaw(Topics.PAYMENTS, "po_1", live.toString());

		await().atMost(PROMPT)
			.until(() -> modes.live().acknowledged().size() == 1 && modes.test().acknowledged().size() == 1);
		assertThat(modes.live().received().get(0).webhookId()).isEqualTo(live.get("id").asString());
		assertThat(modes.test().received().get(0).webhookId()).isEqualTo(modeless.get("id").asString());
	}

	/**
	 * A {@code payout.paid} envelope as JSON, without {@code livemode} (the field is
	 * ledger-service's to add to the record; built by hand so this test reads old and new
	 * payouts alike).
	 */
	private static ObjectNode payoutPaid(String merchant) {
		String eventId = ResourceIds.event();
		String time = Instant.now().toString();
		ObjectNode envelope = EventCodec.json().createObjectNode();
		envelope.put("id", eventId);
		envelope.put("source", "/test");
		envelope.put("type", "payout.paid");
		envelope.put("specversion", "1.0");
		envelope.put("time", time);
		envelope.put("subject", "po_1");
		envelope.put("datacontenttype", "application/json");
		ObjectNode data = envelope.putObject("data");
		data.put("event_id", eventId);
		data.put("occurred_at", time);
		ObjectNode payout = data.putObject("payout");
		payout.put("id", ResourceIds.next("po"));
		payout.put("object", "payout");
		payout.put("amount", 9_680);
		payout.put("currency", "EUR");
		payout.put("status", "paid");
		payout.put("merchant", merchant);
		payout.put("destination", "ba_1");
		payout.put("created", time);
		return envelope;
	}

	private List<CloudEvent> publishSubscriptionEvents(String merchant, boolean livemode) {
		Instant now = Instant.now();
		String user = ResourceIds.next("usr");
		String subscriptionId = ResourceIds.next("sub");
		SubscriptionSnapshot subscription = new SubscriptionSnapshot(subscriptionId, "subscription", merchant, user,
				"prod_1", "price_1", "premium", "active", now, now.plus(Duration.ofDays(30)), null, false, null,
				livemode, now);
		InvoiceSnapshot invoice = new InvoiceSnapshot(ResourceIds.next("in"), "invoice", merchant, user, subscriptionId,
				999, "USD", "paid", "subscription_cycle", now, now.plus(Duration.ofDays(30)), 0, null, "pay_1", null,
				livemode, now);
		EntitlementSnapshot entitlement = new EntitlementSnapshot(ResourceIds.next("ent"), "entitlement", merchant,
				user, "premium", "subscription", subscriptionId, now.plus(Duration.ofDays(30)), livemode);
		return List.of(
				this.events.publish(Topics.SUBSCRIPTIONS,
						new SubscriptionEvent.SubscriptionCreated(ResourceIds.event(), now, subscription)),
				this.events.publish(Topics.SUBSCRIPTIONS,
						new InvoiceEvent.InvoicePaid(ResourceIds.event(), now, invoice)),
				this.events.publish(Topics.SUBSCRIPTIONS,
						new EntitlementEvent.EntitlementGranted(ResourceIds.event(), now, entitlement)));
	}

	/** One merchant with a live and a test endpoint, each subscribed to every type. */
	private Modes endpointsInBothModes() {
		String merchant = ResourceIds.next("mer");
		WebhookReceiver live = receiver();
		WebhookReceiver test = receiver();
		return new Modes(merchant, live, register(live(merchant), live), test, register(test(merchant), test));
	}

	private WebhookReceiver receiver() {
		WebhookReceiver receiver = new WebhookReceiver();
		this.receivers.add(receiver);
		return receiver;
	}

	private String register(ApiClient api, WebhookReceiver receiver) {
		ApiClient.Response created = api.post("/v1/webhook_endpoints",
				Map.of("url", receiver.url(), "events", List.of("*")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("id");
	}

	private ApiClient live(String merchant) {
		return merchant(merchant, true);
	}

	private ApiClient test(String merchant) {
		return merchant(merchant, false);
	}

	private ApiClient merchant(String id, boolean livemode) {
		return new ApiClient("http://localhost:" + this.port).withToken(
				TestTokens.get().sign(id, List.of("merchant"), List.of("api_key"), livemode, Duration.ofMinutes(5)));
	}

	/**
	 * Deliveries are written with their event, so once one endpoint has an event every
	 * delivery of it exists.
	 */
	private int deliveriesTo(String endpoint) {
		return this.jdbc.sql("select count(*) from webhook_delivery where endpoint_id = ?")
			.param(endpoint)
			.query(Integer.class)
			.single();
	}

	private record Modes(String merchant, WebhookReceiver live, String liveEndpoint, WebhookReceiver test,
			String testEndpoint) {
	}

}
