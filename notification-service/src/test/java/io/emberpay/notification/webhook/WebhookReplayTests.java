package io.emberpay.notification.webhook;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.ResourceIds;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.support.PlatformEvents;
import io.emberpay.notification.support.StandardWebhooksVerifier;
import io.emberpay.notification.support.TestClock;
import io.emberpay.notification.support.WebhookReceiver;
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

/**
 * Issue #25: a merchant replays an endpoint's failed events of a time range, and sees
 * what each attempt sent and got back.
 */
@NotificationTest
class WebhookReplayTests {

	private static final Duration PROMPT = Duration.ofSeconds(30);

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

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

	private ApiClient merchant(String id, boolean livemode) {
		return new ApiClient("http://localhost:" + this.port).withToken(
				TestTokens.get().sign(id, List.of("merchant"), List.of("api_key"), livemode, Duration.ofMinutes(5)));
	}

	/** Registers an endpoint; answers {id, secret}. */
	private String[] register(ApiClient api, String url) {
		ApiClient.Response created = api.post("/v1/webhook_endpoints",
				Map.of("url", url, "events", List.of("payment.succeeded")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new String[] { created.text("id"), created.text("secret") };
	}

	private CloudEvent paymentSucceeded(String merchant) {
		return this.events
			.publishPayment(PlatformEvents.succeeded(PlatformEvents.payment(merchant, null, 1999, "USD")));
	}

	private void awaitAttempted(String event) {
		await().atMost(PROMPT)
			.until(() -> this.jdbc.sql("select count(*) from webhook_attempt where event_id = ?")
				.param(event)
				.query(Long.class)
				.single() > 0);
	}

	/**
	 * Stands in for the three days of retries WebhookDeliveryTests walks through: the
	 * event's delivery is given up.
	 */
	private void giveUp(String event) {
		awaitAttempted(event);
		assertThat(this.jdbc.sql("update webhook_delivery set state = 'failed', lease_until = null where event_id = ?")
			.param(event)
			.update()).isEqualTo(1);
	}

	private String deliveryState(String event) {
		return this.jdbc.sql("select state from webhook_delivery where event_id = ?")
			.param(event)
			.query(String.class)
			.single();
	}

	private static Map<String, Object> range(Instant from, Instant to) {
		return Map.of("created_gte", from.toString(), "created_lt", to.toString());
	}

	/**
	 * The last hour, up to now on the wall clock (the service's test clock may run
	 * ahead).
	 */
	private static Map<String, Object> lastHour() {
		Instant now = Instant.now();
		return range(now.minus(Duration.ofHours(1)), now);
	}

	private long acknowledgedCount(WebhookReceiver receiver, String event) {
		return receiver.acknowledged().stream().filter(r -> r.webhookId().equals(event)).count();
	}

	@Test
	void replaysOnlyTheFailedEventsOfTheRangeSignedLikeAnyDelivery() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant, false);
		WebhookReceiver receiver = receiver();
		String[] endpoint = register(api, receiver.url());
		receiver.answer(500);
		CloudEvent tooOld = paymentSucceeded(merchant);
		CloudEvent first = paymentSucceeded(merchant);
		CloudEvent second = paymentSucceeded(merchant);
		giveUp(tooOld.id());
		giveUp(first.id());
		giveUp(second.id());
		this.jdbc.sql("update webhook_event set created_at = created_at - interval '2 days' where id = ?")
			.param(tooOld.id())
			.update();
		receiver.answer(200);
		CloudEvent delivered = paymentSucceeded(merchant);
		await().atMost(PROMPT).until(() -> acknowledgedCount(receiver, delivered.id()) == 1);

		ApiClient.Response replay = api.post("/v1/webhook_endpoints/" + endpoint[0] + "/replays", lastHour());

		assertThat(replay.status()).as(replay.body()).isEqualTo(202);
		assertThat(replay.text("object")).isEqualTo("webhook_replay");
		assertThat(replay.text("id")).startsWith("whr_");
		assertThat(replay.text("endpoint")).isEqualTo(endpoint[0]);
		assertThat(replay.json().get("events_queued").asInt()).isEqualTo(2);
		assertThat(replay.json().get("has_more").asBoolean()).isFalse();
		await().atMost(PROMPT)
			.until(() -> acknowledgedCount(receiver, first.id()) == 1 && acknowledgedCount(receiver, second.id()) == 1);
		for (WebhookReceiver.Received replayed : receiver.acknowledged()) {
			assertThat(new StandardWebhooksVerifier(endpoint[1]).verify(replayed.webhookId(),
					replayed.headers().get("webhook-timestamp"), replayed.headers().get("webhook-signature"),
					replayed.body(), this.clock.instant().getEpochSecond(), 300))
				.isTrue();
		}
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> receiver.acknowledged().size() == 3);
		assertThat(acknowledgedCount(receiver, delivered.id())).isEqualTo(1);
		assertThat(deliveryState(first.id())).isEqualTo("succeeded");
		assertThat(deliveryState(tooOld.id())).isEqualTo("failed");
		assertThat(this.jdbc.sql("select events_queued from webhook_replay where id = ?")
			.param(replay.text("id"))
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void anotherMerchantsEndpointAndALiveEndpointSeenWithATestKeyAreNotFound() {
		String merchant = ResourceIds.next("mer");
		ApiClient live = merchant(merchant, true);
		String liveEndpoint = register(live, "http://127.0.0.1:9/live")[0];
		String testEndpoint = register(merchant(merchant, false), "http://127.0.0.1:9/test")[0];

		ApiClient.Response withTestKey = merchant(merchant, false)
			.post("/v1/webhook_endpoints/" + liveEndpoint + "/replays", lastHour());
		ApiClient.Response otherMerchant = merchant(ResourceIds.next("mer"), false)
			.post("/v1/webhook_endpoints/" + testEndpoint + "/replays", lastHour());

		assertThat(withTestKey.status()).isEqualTo(404);
		assertThat(withTestKey.text("code")).isEqualTo("not_found");
		assertThat(otherMerchant.status()).isEqualTo(404);
		assertThat(this.jdbc.sql("select count(*) from webhook_replay where endpoint_id in (?, ?)")
			.params(liveEndpoint, testEndpoint)
			.query(Long.class)
			.single()).isZero();
		assertThat(live.post("/v1/webhook_endpoints/" + liveEndpoint + "/replays", lastHour()).status()).isEqualTo(202);
	}

	@Test
	void unboundedBackwardsFutureOrUnreadableRangesAreRefusedNamingTheField() {
		ApiClient api = merchant(ResourceIds.next("mer"), false);
		String path = "/v1/webhook_endpoints/" + register(api, "http://127.0.0.1:9/hooks")[0] + "/replays";
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> missing = Map.of("created_gte", now.minusSeconds(60).toString());
		Map<String, Object> unreadable = Map.of("created_gte", "yesterday", "created_lt", now.toString());
		Map<String, Object> epochSeconds = Map.of("created_gte", now.minusSeconds(60).getEpochSecond(), "created_lt",
				now.toString());

		assertRefused(api.post(path, missing), "created_lt");
		assertRefused(api.post(path, unreadable), "created_gte");
		assertRefused(api.post(path, epochSeconds), "created_gte");
		assertRefused(api.post(path, range(now, now.minusSeconds(60))), "created_lt");
		assertRefused(api.post(path, range(now, now)), "created_lt");
		assertRefused(api.post(path, range(now.minus(Duration.ofDays(31)), now)), "created_lt");
		assertRefused(api.post(path, range(now, now.plus(Duration.ofDays(1)))), "created_lt");
		assertThat(api.post(path, range(now.minus(Duration.ofDays(30)), now)).status()).isEqualTo(202);
	}

	private static void assertRefused(ApiClient.Response response, String param) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.text("param")).as(response.body()).isEqualTo(param);
	}

	@Test
	void aDisabledEndpointIsAStateConflictAndQueuesNothing() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant, false);
		WebhookReceiver receiver = receiver();
		String endpoint = register(api, receiver.url())[0];
		receiver.answer(500);
		CloudEvent event = paymentSucceeded(merchant);
		giveUp(event.id());
		assertThat(api.post("/v1/webhook_endpoints/" + endpoint, Map.of("disabled", true)).status()).isEqualTo(200);

		ApiClient.Response replay = api.post("/v1/webhook_endpoints/" + endpoint + "/replays", lastHour());

		assertThat(replay.status()).isEqualTo(409);
		assertThat(replay.text("code")).isEqualTo("state_conflict");
		assertThat(deliveryState(event.id())).isEqualTo("failed");
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyAnswersTheFirstReplayAndQueuesNothingMore() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant, false);
		WebhookReceiver receiver = receiver();
		String endpoint = register(api, receiver.url())[0];
		receiver.answer(500);
		CloudEvent event = paymentSucceeded(merchant);
		giveUp(event.id());
		receiver.answer(200);
		String path = "/v1/webhook_endpoints/" + endpoint + "/replays";
		Map<String, Object> range = lastHour();
		Map<String, String> key = Map.of("Idempotency-Key", "replay-" + ResourceIds.next("k"));

		ApiClient.Response first = api.post(path, range, key);
		await().atMost(PROMPT).until(() -> acknowledgedCount(receiver, event.id()) == 1);
		// given up again: a second replay that ran would queue it again
		this.jdbc.sql("update webhook_delivery set state = 'failed' where event_id = ?").param(event.id()).update();
		ApiClient.Response retried = api.post(path, range, key);
		ApiClient.Response otherBody = api.post(path, range(Instant.now().minus(Duration.ofHours(2)), Instant.now()),
				key);

		assertThat(first.status()).isEqualTo(202);
		assertThat(first.json().get("events_queued").asInt()).isEqualTo(1);
		assertThat(retried.status()).isEqualTo(202);
		assertThat(retried.body()).isEqualTo(first.body());
		assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(otherBody.status()).isEqualTo(422);
		assertThat(deliveryState(event.id())).isEqualTo("failed");
		assertThat(this.jdbc.sql("select count(*) from webhook_replay where endpoint_id = ?")
			.param(endpoint)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void atMostOneThousandEventsAreQueuedPerRequestOldestFirstAndTheNextRequestQueuesTheRest() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant, false);
		// nothing listens there: queued deliveries fail again and wait for their retry
		String endpoint = register(api, "http://127.0.0.1:9/hooks")[0];
		String prefix = ResourceIds.next("evt") + "_";
		this.jdbc.sql("""
				insert into webhook_event (id, merchant, type, livemode, created_at, received_at, body)
				select cast(:prefix as varchar) || n, :merchant, 'payment.succeeded', false,
				       cast(:base as timestamptz) + make_interval(secs => n), cast(:base as timestamptz),
				       '{"id":"' || cast(:prefix as varchar) || n || '","type":"payment.succeeded"}'
				from generate_series(1, 1001) n""")
			.param("prefix", prefix)
			.param("merchant", merchant)
			.param("base", Timestamp.from(Instant.now().minus(Duration.ofMinutes(30))))
			.update();
		this.jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, state, next_attempt_at, created_at)
				select id, :endpoint, 'failed', now(), now() from webhook_event where merchant = :merchant""")
			.param("endpoint", endpoint)
			.param("merchant", merchant)
			.update();
		String path = "/v1/webhook_endpoints/" + endpoint + "/replays";

		JsonNode first = api.post(path, lastHour()).json();
		List<String> left = this.jdbc.sql("""
				select d.event_id from webhook_delivery d join webhook_event e on e.id = d.event_id
				where e.merchant = ? and d.state = 'failed'""").param(merchant).query(String.class).list();
		JsonNode second = api.post(path, lastHour()).json();

		assertThat(first.get("events_queued").asInt()).isEqualTo(1000);
		assertThat(first.get("has_more").asBoolean()).isTrue();
		assertThat(left).containsExactly(prefix + 1001);
		assertThat(second.get("events_queued").asInt()).isEqualTo(1);
		assertThat(second.get("has_more").asBoolean()).isFalse();
	}

	@Test
	void attemptsShowTheRequestAndABoundedResponseButNoSecret() {
		String merchant = ResourceIds.next("mer");
		ApiClient api = merchant(merchant, false);
		WebhookReceiver receiver = receiver();
		String[] endpoint = register(api, receiver.url());
		receiver.answer(500);
		receiver.answerBody("{\"error\":\"" + "x".repeat(5000) + "\"}");
		CloudEvent event = paymentSucceeded(merchant);
		awaitAttempted(event.id());

		ApiClient.Response attempts = api.get("/v1/webhook_endpoints/" + endpoint[0] + "/attempts");

		JsonNode attempt = attempts.json().get("data").get(0);
		assertThat(attempt.get("event").asString()).isEqualTo(event.id());
		JsonNode request = attempt.get("request");
		assertThat(request.get("headers").get("webhook-id").asString()).isEqualTo(event.id());
		assertThat(request.get("headers").get("webhook-signature").asString()).startsWith("v1,");
		assertThat(request.get("headers").get("content-type").asString()).isEqualTo("application/json");
		assertThat(request.get("body").asString()).isEqualTo(receiver.received().get(0).body());
		assertThat(request.get("body_truncated").asBoolean()).isFalse();
		JsonNode response = attempt.get("response");
		assertThat(response.get("status_code").asInt()).isEqualTo(500);
		assertThat(response.get("body").asString()).startsWith("{\"error\":\"xxx").hasSize(2048);
		String secretBytes = endpoint[1].substring("whsec_".length());
		assertThat(attempts.body()).doesNotContain(endpoint[1], secretBytes, "whsec_");
		assertThat(this.jdbc.sql("""
				select count(*) from webhook_attempt
				where event_id = ? and (request_headers::text like ? or request_body like ? or response_body like ?)""")
			.params(event.id(), "%" + secretBytes + "%", "%" + secretBytes + "%", "%" + secretBytes + "%")
			.query(Long.class)
			.single()).isZero();
	}

}
