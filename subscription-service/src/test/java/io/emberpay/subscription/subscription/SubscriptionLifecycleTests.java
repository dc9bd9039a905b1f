package io.emberpay.subscription.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.subscription.billing.Proration;
import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SubscriptionTest
class SubscriptionLifecycleTests extends SubscriptionApi {

	private static TopicReader events;

	@BeforeAll
	static void readEvents() {
		events = new TopicReader(Topics.SUBSCRIPTIONS);
	}

	@AfterAll
	static void stopReading() {
		events.close();
	}

	@Test
	void trialGrantsTheTierThenTheRenewalChargesTheSavedCardOffSessionOnce() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 7, "premium");
		String user = newUser();

		ApiClient.Response created = subscribe(user, price, paymentMethod("ok"));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("status")).isEqualTo("trialing");
		assertThat(tiers(user)).containsExactly(merchant + ":premium");
		String id = created.text("id");
		Instant trialEnd = Instant.parse(created.text("trial_end"));

		advance(Duration.ofDays(7).plusMinutes(1));
		this.renewals.runOnce();
		this.renewals.runOnce();

		ApiClient.Response renewed = as(user).get("/v1/subscriptions/" + id);
		assertThat(renewed.text("status")).isEqualTo("active");
		assertThat(Instant.parse(renewed.text("current_period_start"))).isEqualTo(trialEnd);
		JsonNode invoice = invoices(user, id).get(0);
		assertThat(invoice.path("status").asString()).isEqualTo("paid");
		assertThat(invoice.path("amount_due").asLong()).isEqualTo(999);
		assertThat(invoice.path("billing_reason").asString()).isEqualTo("subscription_cycle");
		String invoiceId = invoice.path("id").asString();
		assertThat(this.acquirer.chargesOf(invoiceId)).isEqualTo(1);
		assertThat(this.acquirer.attemptsOf(invoiceId)).isEqualTo(1);
		assertThat(this.acquirer.lastChargeOf(invoiceId).idempotencyKey()).isEqualTo(invoiceId + "-attempt-1");
		assertThat(tiers(user)).containsExactly(merchant + ":premium");
		awaitEvents(id, "invoice.paid", "subscription.renewed");
	}

	@Test
	void withoutTrialTheFirstPeriodIsChargedAtOnce() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 1500, "year", 0, "platinum");
		String user = newUser();

		ApiClient.Response created = subscribe(user, price, paymentMethod("ok"));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("status")).isEqualTo("active");
		assertThat(invoices(user, created.text("id")).get(0).path("status").asString()).isEqualTo("paid");
		assertThat(tiers(user)).containsExactly(merchant + ":platinum");
	}

	@Test
	void aSecondLiveSubscriptionToTheSameProductIsAConflict() {
		String merchant = newMerchant();
		String product = product(merchant);
		String premium = price(merchant, product, 999, "month", 7, "premium");
		String platinum = price(merchant, product, 1999, "month", 7, "platinum");
		String user = newUser();
		assertThat(subscribe(user, premium, paymentMethod("ok")).status()).isEqualTo(201);

		ApiClient.Response second = subscribe(user, platinum, paymentMethod("ok"));

		assertThat(second.status()).isEqualTo(409);
		assertThat(second.text("code")).isEqualTo("subscription_exists");
	}

	@Test
	void anUnknownOrAnotherMerchantsPriceIsNotFound() {
		String owner = newMerchant();
		String price = price(owner, product(owner), 999, "month", 0, "premium");
		String other = newMerchant();

		ApiClient.Response unknown = subscribe(newUser(), "price_nope", paymentMethod("ok"));
		ApiClient.Response foreign = as(other).post("/v1/subscriptions",
				Map.of("price", price, "payment_method", paymentMethod("ok"), "customer", newUser()));

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.text("param")).isEqualTo("price");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.text("param")).isEqualTo("price");
	}

	@Test
	void anUpgradeMidPeriodChargesExactlyTheProratedDifference() {
		String merchant = newMerchant();
		String product = product(merchant);
		String premium = price(merchant, product, 1000, "month", 0, "premium");
		String platinum = price(merchant, product, 2000, "month", 0, "platinum");
		String user = newUser();
		ApiClient.Response created = subscribe(user, premium, paymentMethod("ok"));
		String id = created.text("id");
		Instant start = Instant.parse(created.text("current_period_start"));
		Instant end = Instant.parse(created.text("current_period_end"));
		advance(Duration.ofDays(10).plusHours(7).plusSeconds(13));

		ApiClient.Response upgraded = as(user).post("/v1/subscriptions/" + id, Map.of("price", platinum));

		assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
		assertThat(upgraded.text("tier")).isEqualTo("platinum");
		assertThat(upgraded.text("current_period_end")).isEqualTo(created.text("current_period_end"));
		JsonNode proration = invoices(user, id).get(0);
		Proration expected = Proration.of(1000, 2000, start, end,
				Instant.parse(proration.path("period_start").asString()));
		assertThat(expected.net()).isBetween(600L, 700L);
		assertThat(proration.path("billing_reason").asString()).isEqualTo("subscription_update");
		assertThat(proration.path("amount_due").asLong()).isEqualTo(expected.net());
		assertThat(proration.path("lines").get(0).path("amount").asLong()).isEqualTo(-expected.credit());
		assertThat(proration.path("lines").get(1).path("amount").asLong()).isEqualTo(expected.charge());
		assertThat(proration.path("status").asString()).isEqualTo("paid");
		String invoiceId = proration.path("id").asString();
		assertThat(this.acquirer.lastChargeOf(invoiceId).amount()).isEqualTo(expected.net());
		assertThat(tiers(user)).containsExactly(merchant + ":platinum");
	}

	@Test
	void aDowngradeLeavesACreditTheNextRenewalUses() {
		String merchant = newMerchant();
		String product = product(merchant);
		String platinum = price(merchant, product, 2000, "week", 0, "platinum");
		String premium = price(merchant, product, 1000, "week", 0, "premium");
		String user = newUser();
		String id = subscribe(user, platinum, paymentMethod("ok")).text("id");
		advance(Duration.ofDays(3));

		ApiClient.Response downgraded = as(user).post("/v1/subscriptions/" + id, Map.of("price", premium));
		long credit = downgraded.json().path("credit_balance").asLong();
		advance(Duration.ofDays(4).plusMinutes(1));
		this.renewals.runOnce();

		assertThat(credit).isBetween(500L, 600L);
		assertThat(downgraded.text("tier")).isEqualTo("premium");
		JsonNode renewal = invoices(user, id).get(0);
		assertThat(renewal.path("billing_reason").asString()).isEqualTo("subscription_cycle");
		assertThat(renewal.path("amount_due").asLong()).isEqualTo(1000 - credit);
		assertThat(as(user).get("/v1/subscriptions/" + id).json().path("credit_balance").asLong()).isZero();
	}

	@Test
	void aDecliningCardGoesPastDueRetriesOnScheduleThenUnpaidAndLosesTheTierAfterGrace() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 7, "premium");
		String user = newUser();
		String id = subscribe(user, price, paymentMethod("decline")).text("id");

		advance(Duration.ofDays(7).plusMinutes(1));
		this.renewals.runOnce();

		assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).isEqualTo("past_due");
		JsonNode invoice = invoices(user, id).get(0);
		String invoiceId = invoice.path("id").asString();
		assertThat(invoice.path("status").asString()).isEqualTo("open");
		assertThat(invoice.path("attempt_count").asInt()).isEqualTo(1);
		assertThat(invoice.path("failure_code").asString()).isEqualTo("card_declined");
		Instant created = Instant.parse(invoice.path("created").asString());
		assertThat(Instant.parse(invoice.path("next_payment_attempt").asString()))
			.isEqualTo(created.plus(Duration.ofDays(1)));
		assertThat(tiers(user)).as("within the grace period").containsExactly(merchant + ":premium");

		advance(Duration.ofHours(23));
		this.renewals.runOnce();
		assertThat(this.acquirer.attemptsOf(invoiceId)).as("not retried before the schedule").isEqualTo(1);

		for (int day : List.of(1, 3, 5)) {
			advance(Duration.between(this.clock.instant(), created.plus(Duration.ofDays(day)).plusSeconds(1)));
			this.renewals.runOnce();
			assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).isEqualTo("past_due");
		}
		assertThat(this.acquirer.attemptsOf(invoiceId)).isEqualTo(4);
		assertThat(tiers(user)).as("after the grace period").isEmpty();

		advance(Duration.between(this.clock.instant(), created.plus(Duration.ofDays(7)).plusSeconds(1)));
		this.renewals.runOnce();

		assertThat(this.acquirer.attemptsOf(invoiceId)).isEqualTo(5);
		assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).isEqualTo("unpaid");
		assertThat(invoices(user, id).get(0).path("status").asString()).isEqualTo("uncollectible");
		assertThat(this.acquirer.chargesOf(invoiceId)).isZero();
		awaitEvents(id, "subscription.past_due", "invoice.payment_failed", "entitlement.revoked",
				"subscription.updated");
	}

	@Test
	void aRenewalThatNeedsTheUserToAuthenticateFailsWithAuthenticationRequired() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 1, "premium");
		String user = newUser();
		String id = subscribe(user, price, paymentMethod("sca")).text("id");

		advance(Duration.ofDays(1).plusMinutes(1));
		this.renewals.runOnce();

		assertThat(invoices(user, id).get(0).path("failure_code").asString()).isEqualTo("authentication_required");
		CloudEvent failed = awaitEvents(id, "invoice.payment_failed").get(0);
		assertThat(failed.data().path("invoice").path("failure_code").asString()).isEqualTo("authentication_required");
		assertThat(failed.data().path("invoice").path("customer").asString()).isEqualTo(user);
	}

	@Test
	void cancelAtPeriodEndKeepsTheTierUntilTheEnd() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 0, "premium");
		String user = newUser();
		ApiClient.Response created = subscribe(user, price, paymentMethod("ok"));
		String id = created.text("id");

		ApiClient.Response canceling = as(user).post("/v1/subscriptions/" + id + "/cancel",
				Map.of("at_period_end", true));
		advance(Duration.ofDays(20));
		this.renewals.runOnce();

		assertThat(canceling.json().path("cancel_at_period_end").asBoolean()).isTrue();
		assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).isEqualTo("active");
		assertThat(tiers(user)).containsExactly(merchant + ":premium");

		advance(Duration.between(this.clock.instant(), Instant.parse(created.text("current_period_end")))
			.plusMinutes(1));
		this.renewals.runOnce();

		assertThat(as(user).get("/v1/subscriptions/" + id).text("status")).isEqualTo("canceled");
		assertThat(tiers(user)).isEmpty();
		assertThat(invoices(user, id)).hasSize(1);
		awaitEvents(id, "subscription.canceled", "entitlement.revoked");
		// notification routes the webhooks by these modes (issue 21, finding 2)
		boolean livemode = created.json().path("livemode").asBoolean();
		assertThat(about(id, "subscription.canceled"))
			.allSatisfy(event -> assertThat(event.data().path("subscription").path("livemode").asBoolean())
				.isEqualTo(livemode));
		assertThat(about(id, "entitlement.revoked")).allSatisfy(event -> {
			assertThat(event.data().path("entitlement").path("livemode").isBoolean()).isTrue();
			assertThat(event.data().path("entitlement").path("livemode").asBoolean()).isEqualTo(livemode);
		});
	}

	@Test
	void cancelNowEndsTheTierAtOnceAndAnEndedSubscriptionCannotChange() {
		String merchant = newMerchant();
		String product = product(merchant);
		String price = price(merchant, product, 999, "month", 7, "premium");
		String other = price(merchant, product, 1999, "month", 7, "platinum");
		String user = newUser();
		String id = subscribe(user, price, paymentMethod("ok")).text("id");

		ApiClient.Response canceled = as(user).post("/v1/subscriptions/" + id + "/cancel", Map.of());

		assertThat(canceled.text("status")).isEqualTo("canceled");
		assertThat(tiers(user)).isEmpty();
		assertThat(as(user).post("/v1/subscriptions/" + id, Map.of("price", other)).text("code"))
			.isEqualTo("subscription_state_conflict");
		assertThat(subscribe(user, other, paymentMethod("ok")).status()).as("a new one after the end").isEqualTo(201);
	}

	@Test
	void anotherUsersSubscriptionIsNotFound() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 7, "premium");
		String id = subscribe(newUser(), price, paymentMethod("ok")).text("id");

		assertThat(as(newUser()).get("/v1/subscriptions/" + id).status()).isEqualTo(404);
		assertThat(as(newMerchant()).get("/v1/subscriptions/" + id).status()).isEqualTo(404);
		assertThat(as(merchant).get("/v1/subscriptions/" + id).status()).isEqualTo(200);
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

	/**
	 * Waits for events of each type about the subscription; answers those of the first
	 * type.
	 */
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

	@Test
	void aPriceInACurrencyThePaymentMethodCannotPayIsA400NamingThePriceAndLeavesNothingLive() {
		String merchant = newMerchant();
		String product = product(merchant);
		ApiClient.Response euros = as(merchant).post("/v1/prices",
				Map.of("product", product, "unit_amount", 899, "currency", "EUR", "recurring",
						Map.of("interval", "month", "interval_count", 1), "trial_period_days", 0, "tier", "premium"));
		assertThat(euros.status()).as(euros.body()).isEqualTo(201);
		String user = newUser();
		String card = paymentMethod("usdonly");

		ApiClient.Response refused = subscribe(user, euros.text("id"), card);

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.text("code")).isEqualTo("invalid_currency");
		assertThat(refused.text("param")).isEqualTo("price");
		assertThat(as(user).get("/v1/users/me/entitlements").json().path("data").size()).isZero();
		ApiClient.Response dollars = subscribe(user, price(merchant, product, 999, "month", 0, "premium"), card);
		assertThat(dollars.status()).as("the same product in a currency it pays").isEqualTo(201);
		assertThat(dollars.text("status")).isEqualTo("active");
	}

}
