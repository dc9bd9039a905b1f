package io.emberpay.subscription.testclock;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.subscription.billing.Proration;
import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SubscriptionTest
class TestClockTests extends SubscriptionApi {

	private static final String CLOCKS = "/v1/test_helpers/test_clocks";

	private static TopicReader events;

	@Autowired
	private TestClockAdvance advancing;

	@BeforeAll
	static void readEvents() {
		events = new TopicReader(Topics.SUBSCRIPTIONS);
	}

	@AfterAll
	static void stopReading() {
		events.close();
	}

	@Test
	void aTrialOnATestClockEndsOnlyWhenTheClockPassesItAndTheRenewalChargesTheSavedCardOnce() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 7, "premium");
		// in the past, so an entitlement read in real time would already have run out
		Instant frozen = Instant.parse("2025-01-24T12:00:00Z");
		String clock = testClock(merchant, frozen);
		String user = newUser();

		ApiClient.Response created = subscribeOn(user, price, paymentMethod("ok"), clock);

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("status")).isEqualTo("trialing");
		assertThat(created.text("test_clock")).isEqualTo(clock);
		assertThat(Instant.parse(created.text("current_period_start"))).isEqualTo(frozen);
		Instant trialEnd = Instant.parse(created.text("trial_end"));
		assertThat(trialEnd).isEqualTo(frozen.plus(Duration.ofDays(7)));
		assertThat(tiers(user)).containsExactly(merchant + ":premium");
		String id = created.text("id");

		advance(Duration.ofDays(40));
		this.renewals.runOnce();
		assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).as("real time does not move it")
			.isEqualTo("trialing");

		ApiClient.Response ready = advanceClock(merchant, clock, frozen.plus(Duration.ofDays(8)));

		assertThat(Instant.parse(ready.text("frozen_time"))).isEqualTo(frozen.plus(Duration.ofDays(8)));
		ApiClient.Response renewed = as(user).get("/v1/subscriptions/" + id);
		assertThat(renewed.text("status")).isEqualTo("active");
		assertThat(Instant.parse(renewed.text("current_period_start"))).isEqualTo(trialEnd);
		assertThat(Instant.parse(renewed.text("current_period_end"))).as("31 January renews on 28 February")
			.isEqualTo(Instant.parse("2025-02-28T12:00:00Z"));
		JsonNode invoice = invoices(user, id).get(0);
		String invoiceId = invoice.path("id").asString();
		assertThat(invoice.path("status").asString()).isEqualTo("paid");
		assertThat(Instant.parse(invoice.path("created").asString())).isEqualTo(trialEnd);
		assertThat(this.acquirer.chargesOf(invoiceId)).isEqualTo(1);
		assertThat(tiers(user)).containsExactly(merchant + ":premium");
		List<CloudEvent> paid = awaitEvents(id, "invoice.paid", "subscription.renewed");
		assertThat(paid.get(0).time()).as("at the clock's time").isEqualTo(trialEnd);

		this.advancing.advance(clock);
		this.renewals.runOnTestClock(clock, frozen.plus(Duration.ofDays(8)));
		assertThat(this.acquirer.chargesOf(invoiceId)).as("running again changes nothing").isEqualTo(1);
		assertThat(invoices(user, id)).hasSize(1);
	}

	@Test
	void anUpgradeOnATestClockChargesTheDifferenceProratedAtTheClocksTime() {
		String merchant = newMerchant();
		String product = product(merchant);
		String premium = price(merchant, product, 1000, "month", 0, "premium");
		String platinum = price(merchant, product, 2000, "month", 0, "platinum");
		Instant frozen = Instant.parse("2031-03-01T00:00:00Z");
		String clock = testClock(merchant, frozen);
		String user = newUser();
		ApiClient.Response created = subscribeOn(user, premium, paymentMethod("ok"), clock);
		assertThat(created.text("status")).as(created.body()).isEqualTo("active");
		String id = created.text("id");
		Instant changeAt = frozen.plus(Duration.ofDays(10).plusHours(7).plusSeconds(13));
		advanceClock(merchant, clock, changeAt);

		ApiClient.Response upgraded = as(user).post("/v1/subscriptions/" + id, Map.of("price", platinum));

		assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
		JsonNode proration = invoices(user, id).get(0);
		Proration expected = Proration.of(1000, 2000, frozen, Instant.parse("2031-04-01T00:00:00Z"), changeAt);
		assertThat(Instant.parse(proration.path("period_start").asString())).isEqualTo(changeAt);
		assertThat(proration.path("billing_reason").asString()).isEqualTo("subscription_update");
		assertThat(proration.path("amount_due").asLong()).isEqualTo(expected.net());
		assertThat(expected.net()).isBetween(600L, 700L);
		assertThat(proration.path("status").asString()).isEqualTo("paid");
		assertThat(tiers(user)).containsExactly(merchant + ":platinum");
	}

	@Test
	void aDecliningCardOnATestClockIsRetriedOnEachDayOfTheScheduleThenGoesUnpaidAndLosesTheTier() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 7, "premium");
		Instant frozen = Instant.parse("2032-05-10T08:00:00Z");
		String clock = testClock(merchant, frozen);
		String user = newUser();
		String id = subscribeOn(user, price, paymentMethod("decline"), clock).text("id");
		Instant due = frozen.plus(Duration.ofDays(7));

		advanceClock(merchant, clock, due.plus(Duration.ofHours(1)));

		assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).isEqualTo("past_due");
		JsonNode invoice = invoices(user, id).get(0);
		String invoiceId = invoice.path("id").asString();
		assertThat(invoice.path("attempt_count").asInt()).isEqualTo(1);
		assertThat(Instant.parse(invoice.path("next_payment_attempt").asString()))
			.isEqualTo(due.plus(Duration.ofDays(1)));
		assertThat(tiers(user)).as("within the grace period").containsExactly(merchant + ":premium");

		advanceClock(merchant, clock, due.plus(Duration.ofDays(10)));

		assertThat(this.acquirer.attemptsOf(invoiceId)).isEqualTo(5);
		assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).isEqualTo("unpaid");
		assertThat(invoices(user, id).get(0).path("status").asString()).isEqualTo("uncollectible");
		assertThat(tiers(user)).isEmpty();
		List<CloudEvent> failures = awaitEvents(id, "invoice.payment_failed");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(about(id, "invoice.payment_failed")).hasSize(5));
		assertThat(about(id, "invoice.payment_failed").stream().map(CloudEvent::time).sorted().toList())
			.as("each attempt at its time on the schedule")
			.containsExactly(due, due.plus(Duration.ofDays(1)), due.plus(Duration.ofDays(3)),
					due.plus(Duration.ofDays(5)), due.plus(Duration.ofDays(7)));
		assertThat(failures).isNotEmpty();
		awaitEvents(id, "subscription.past_due", "entitlement.revoked");
	}

	@Test
	void cancelAtPeriodEndOnATestClockKeepsTheTierUntilTheClockPassesTheEnd() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 0, "premium");
		Instant frozen = Instant.parse("2030-07-01T00:00:00Z");
		String clock = testClock(merchant, frozen);
		String user = newUser();
		String id = subscribeOn(user, price, paymentMethod("ok"), clock).text("id");
		as(user).post("/v1/subscriptions/" + id + "/cancel", Map.of("at_period_end", true));

		advanceClock(merchant, clock, Instant.parse("2030-07-31T23:00:00Z"));
		assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).isEqualTo("active");
		assertThat(tiers(user)).containsExactly(merchant + ":premium");

		advanceClock(merchant, clock, Instant.parse("2030-08-01T00:00:01Z"));
		ApiClient.Response ended = as(user).get("/v1/subscriptions/" + id);
		assertThat(ended.text("status")).isEqualTo("canceled");
		assertThat(Instant.parse(ended.text("ended_at"))).isEqualTo(Instant.parse("2030-08-01T00:00:00Z"));
		assertThat(tiers(user)).isEmpty();
		assertThat(invoices(user, id)).hasSize(1);
	}

	@Test
	void testClocksAreTheTestModeMerchantsOwnAndMoveOnlyForward() {
		String merchant = newMerchant();
		Instant frozen = Instant.parse("2030-01-01T00:00:00Z");
		String clock = testClock(merchant, frozen);
		ApiClient live = withoutKey(merchant).withToken(
				TestTokens.get().sign(merchant, List.of("merchant"), List.of("api_key"), true, Duration.ofMinutes(5)));

		ApiClient.Response fetched = as(merchant).get(CLOCKS + "/" + clock);
		assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
		assertThat(fetched.text("object")).isEqualTo("test_clock");
		assertThat(fetched.text("status")).isEqualTo("ready");
		assertThat(fetched.json().path("livemode").asBoolean()).isFalse();
		assertThat(live.get(CLOCKS + "/" + clock).status()).as("a live key").isEqualTo(404);
		assertThat(live.post(CLOCKS, Map.of("frozen_time", frozen.toString())).status()).isEqualTo(404);
		assertThat(as(newMerchant()).get(CLOCKS + "/" + clock).status()).as("another merchant").isEqualTo(404);
		assertThat(as(newMerchant())
			.post(CLOCKS + "/" + clock + "/advance", Map.of("frozen_time", frozen.plusSeconds(60).toString()))
			.status()).isEqualTo(404);
		assertThat(as(newUser()).get(CLOCKS + "/" + clock).status()).isEqualTo(403);

		ApiClient.Response backwards = as(merchant).post(CLOCKS + "/" + clock + "/advance",
				Map.of("frozen_time", frozen.minusSeconds(1).toString()));
		ApiClient.Response still = as(merchant).post(CLOCKS + "/" + clock + "/advance",
				Map.of("frozen_time", frozen.toString()));
		ApiClient.Response missing = as(merchant).post(CLOCKS, Map.of("name", "no time"));
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.text("param")).isEqualTo("frozen_time");
		assertThat(still.status()).isEqualTo(400);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.text("param")).isEqualTo("frozen_time");

		String price = price(merchant, product(merchant), 999, "month", 7, "premium");
		String foreignClock = testClock(newMerchant(), frozen);
		ApiClient.Response onForeign = subscribeOn(newUser(), price, paymentMethod("ok"), foreignClock);
		assertThat(onForeign.status()).isEqualTo(404);
		assertThat(onForeign.text("param")).isEqualTo("test_clock");
	}

	@Test
	void deletingATestClockEndsItsSubscriptionsAndLeavesOthersAlone() {
		String merchant = newMerchant();
		String product = product(merchant);
		String price = price(merchant, product, 999, "month", 7, "premium");
		String clock = testClock(merchant, Instant.parse("2030-01-01T00:00:00Z"));
		String onClock = subscribeOn(newUser(), price, paymentMethod("ok"), clock).text("id");
		String offClock = subscribe(newUser(), price, paymentMethod("ok")).text("id");

		ApiClient.Response deleted = as(merchant).delete(CLOCKS + "/" + clock);

		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
		assertThat(as(merchant).get(CLOCKS + "/" + clock).status()).isEqualTo(404);
		assertThat(as(merchant).get("/v1/subscriptions/" + onClock).text("status")).isEqualTo("canceled");
		assertThat(as(merchant).get("/v1/subscriptions/" + offClock).text("status")).isEqualTo("trialing");
	}

	private String testClock(String merchant, Instant frozenTime) {
		ApiClient.Response clock = as(merchant).post(CLOCKS,
				Map.of("frozen_time", frozenTime.toString(), "name", "walk-through"));
		assertThat(clock.status()).as(clock.body()).isEqualTo(201);
		assertThat(Instant.parse(clock.text("frozen_time"))).isEqualTo(frozenTime);
		return clock.text("id");
	}

	/** Advances the clock and waits until it is ready at the new time. */
	private ApiClient.Response advanceClock(String merchant, String clock, Instant to) {
		ApiClient.Response started = as(merchant).post(CLOCKS + "/" + clock + "/advance",
				Map.of("frozen_time", to.toString()));
		assertThat(started.status()).as(started.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "ready".equals(as(merchant).get(CLOCKS + "/" + clock).text("status")));
		ApiClient.Response ready = as(merchant).get(CLOCKS + "/" + clock);
		assertThat(Instant.parse(ready.text("frozen_time"))).isEqualTo(to);
		return ready;
	}

	private ApiClient.Response subscribeOn(String user, String price, String paymentMethod, String clock) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("price", price);
		body.put("payment_method", paymentMethod);
		body.put("test_clock", clock);
		return as(user).post("/v1/subscriptions", body);
	}

	private List<String> tiers(String user) {
		ApiClient.Response response = as(user).get("/v1/users/me/entitlements");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json()
			.path("data")
			.valueStream()
			.map(e -> e.path("merchant").asString() + ":" + e.path("tier").asString())
			.toList();
	}

	private List<JsonNode> invoices(String user, String subscription) {
		ApiClient.Response response = as(user).get("/v1/invoices?subscription=" + subscription);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().path("data").valueStream().toList();
	}

	private static List<CloudEvent> awaitEvents(String subscription, String... types) {
		for (String type : types) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(about(subscription, type)).as(type).isNotEmpty());
		}
		return about(subscription, types[0]);
	}

	private static List<CloudEvent> about(String subscription, String type) {
		return events.events(type).stream().filter(event -> subscription.equals(event.subject())).toList();
	}

}
