package io.emberpay.local;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.local.demo.GatewayClient;
import io.emberpay.local.demo.WebhookReceiver;
import io.emberpay.local.demo.WebhookSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 23's memberships walked through on the running platform, through the gateway,
 * with a test clock instead of waiting: a user subscribes to a monthly premium price with
 * a 7-day trial and may use premium at once; moving the clock past the trial charges the
 * saved card off-session (payment-service, the PSP simulator) and the merchant receives
 * {@code invoice.paid} and {@code subscription.renewed} webhooks that verify with its
 * signing secret; an upgrade mid-period charges exactly the prorated difference; cancel
 * at period end keeps the tier until the clock passes the end. A renewal on a declining
 * card goes {@code past_due}, is retried on the dunning schedule as the clock moves, then
 * is {@code unpaid} and the tier is revoked. Each test has its own merchant and user.
 */
class MembershipPlatformTests {

	private static final String VISA = "4242424242424242";

	private static final String DECLINED = "4000000000000002";

	private static final String CLOCKS = "/v1/test_helpers/test_clocks";

	private static GatewayClient gateway;

	private static WebhookReceiver receiver;

	@BeforeAll
	static void startPlatform() throws Exception {
		RunningPlatform platform = RunningPlatform.get();
		gateway = new GatewayClient(platform.gatewayUrl());
		receiver = WebhookReceiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void aTrialRenewsOnTheClockThenAnUpgradeIsProratedAndCancelAtPeriodEndKeepsTheTierUntilTheEnd() {
		Shop shop = Shop.open();
		String product = shop.product();
		String premium = shop.monthlyPrice(product, 999, "premium");
		String platinum = shop.monthlyPrice(product, 1999, "platinum");
		Instant frozen = Instant.parse("2031-01-24T10:00:00Z");
		String clock = shop.testClock(frozen);
		Member member = Member.join(shop, VISA);

		JsonNode created = member.subscribe(premium, clock);
		String id = created.path("id").asString();
		assertThat(created.path("status").asString()).isEqualTo("trialing");
		Instant trialEnd = Instant.parse(created.path("trial_end").asString());
		assertThat(trialEnd).isEqualTo(frozen.plus(Duration.ofDays(7)));
		assertThat(member.tiers()).containsExactly(shop.merchant() + ":premium");

		shop.advance(clock, trialEnd.plus(Duration.ofDays(1)));

		JsonNode renewed = member.subscription(id);
		assertThat(renewed.path("status").asString()).isEqualTo("active");
		Instant periodStart = Instant.parse(renewed.path("current_period_start").asString());
		Instant periodEnd = Instant.parse(renewed.path("current_period_end").asString());
		assertThat(periodStart).isEqualTo(trialEnd);
		assertThat(periodEnd).as("31 January renews on 28 February").isEqualTo(Instant.parse("2031-02-28T10:00:00Z"));
		JsonNode renewal = member.latestInvoice(id);
		assertThat(renewal.path("status").asString()).isEqualTo("paid");
		assertThat(renewal.path("amount_due").asLong()).isEqualTo(999);
		assertThat(renewal.path("payment").asString()).as("charged off-session by payment-service").startsWith("pay_");
		shop.awaitVerifiedWebhook("invoice.paid", renewal.path("id").asString());
		shop.awaitVerifiedWebhook("subscription.renewed", id);
		assertThat(member.tiers()).containsExactly(shop.merchant() + ":premium");

		Instant changeAt = periodStart.plus(Duration.ofDays(10).plusHours(7).plusSeconds(13));
		shop.advance(clock, changeAt);
		JsonNode upgraded = gateway.postOnce("/v1/subscriptions/" + id, Map.of("price", platinum), member.token())
			.expect(200, "upgrade")
			.json();

		assertThat(upgraded.path("tier").asString()).isEqualTo("platinum");
		JsonNode proration = member.latestInvoice(id);
		long remaining = Duration.between(changeAt, periodEnd).toSeconds();
		long period = Duration.between(periodStart, periodEnd).toSeconds();
		long expected = prorated(1999, remaining, period) - prorated(999, remaining, period);
		assertThat(proration.path("billing_reason").asString()).isEqualTo("subscription_update");
		assertThat(proration.path("amount_due").asLong()).as("exactly the prorated difference").isEqualTo(expected);
		assertThat(proration.path("status").asString()).isEqualTo("paid");
		shop.awaitVerifiedWebhook("invoice.paid", proration.path("id").asString());
		assertThat(member.tiers()).containsExactly(shop.merchant() + ":platinum");

		gateway.postOnce("/v1/subscriptions/" + id + "/cancel", Map.of("at_period_end", true), member.token())
			.expect(200, "cancel at period end");
		shop.advance(clock, periodEnd.minus(Duration.ofHours(1)));
		assertThat(member.subscription(id).path("status").asString()).isEqualTo("active");
		assertThat(member.tiers()).as("until the end of the paid period")
			.containsExactly(shop.merchant() + ":platinum");

		shop.advance(clock, periodEnd.plusSeconds(1));
		assertThat(member.subscription(id).path("status").asString()).isEqualTo("canceled");
		assertThat(member.tiers()).isEmpty();
		shop.awaitVerifiedWebhook("subscription.canceled", id);
	}

	@Test
	void aRenewalOnADecliningCardGoesPastDueIsRetriedOnScheduleThenUnpaidAndTheTierIsRevoked() {
		Shop shop = Shop.open();
		String premium = shop.monthlyPrice(shop.product(), 999, "premium");
		Instant frozen = Instant.parse("2031-06-01T09:00:00Z");
		String clock = shop.testClock(frozen);
		Member member = Member.join(shop, DECLINED);
		String id = member.subscribe(premium, clock).path("id").asString();
		Instant due = frozen.plus(Duration.ofDays(7));

		shop.advance(clock, due.plus(Duration.ofHours(1)));

		assertThat(member.subscription(id).path("status").asString()).isEqualTo("past_due");
		JsonNode invoice = member.latestInvoice(id);
		String invoiceId = invoice.path("id").asString();
		assertThat(invoice.path("attempt_count").asInt()).isEqualTo(1);
		assertThat(invoice.path("failure_code").asString()).isNotBlank();
		assertThat(Instant.parse(invoice.path("next_payment_attempt").asString()))
			.isEqualTo(due.plus(Duration.ofDays(1)));
		shop.awaitVerifiedWebhook("invoice.payment_failed", invoiceId);
		shop.awaitVerifiedWebhook("subscription.past_due", id);
		assertThat(member.tiers()).as("within the grace period").containsExactly(shop.merchant() + ":premium");

		shop.advance(clock, due.plus(Duration.ofDays(2)));
		assertThat(member.latestInvoice(id).path("attempt_count").asInt()).as("retried a day after").isEqualTo(2);

		shop.advance(clock, due.plus(Duration.ofDays(8)));

		JsonNode exhausted = member.latestInvoice(id);
		assertThat(exhausted.path("attempt_count").asInt()).as("retried 1, 3, 5 and 7 days after").isEqualTo(5);
		assertThat(exhausted.path("status").asString()).isEqualTo("uncollectible");
		assertThat(member.subscription(id).path("status").asString()).isEqualTo("unpaid");
		assertThat(member.tiers()).isEmpty();
		shop.awaitVerifiedWebhook("entitlement.revoked", id);
	}

	/** Stripe's rounding of one proration line: nearest minor unit, a half up. */
	private static long prorated(long amount, long remaining, long period) {
		return (2 * amount * remaining + period) / (2 * period);
	}

	/** A test-mode merchant with a webhook endpoint for the membership events. */
	private record Shop(String merchant, String apiKey, String signingSecret) {

		static Shop open() {
			String suffix = UUID.randomUUID().toString().substring(0, 8);
			JsonNode shop = gateway
				.post("/v1/merchants",
						Map.of("name", "Membership App " + suffix, "email", "members-" + suffix + "@e2e.test"), null)
				.expect(201, "merchant sign-up")
				.json();
			String apiKey = shop.path("api_key").asString();
			assertThat(apiKey).startsWith("sk_test_");
			String secret = gateway
				.post("/v1/webhook_endpoints",
						Map.of("url", receiver.url(), "events",
								List.of("invoice.paid", "invoice.payment_failed", "subscription.renewed",
										"subscription.past_due", "subscription.canceled", "entitlement.revoked")),
						apiKey)
				.expect(201, "webhook endpoint")
				.text("secret");
			return new Shop(shop.path("id").asString(), apiKey, secret);
		}

		String product() {
			return gateway.post("/v1/products", Map.of("name", "Membership"), this.apiKey)
				.expect(201, "product")
				.text("id");
		}

		String monthlyPrice(String product, long amount, String tier) {
			Map<String, Object> price = new LinkedHashMap<>();
			price.put("product", product);
			price.put("unit_amount", amount);
			price.put("currency", "USD");
			price.put("recurring", Map.of("interval", "month", "interval_count", 1));
			price.put("trial_period_days", 7);
			price.put("tier", tier);
			return gateway.post("/v1/prices", price, this.apiKey).expect(201, "price").text("id");
		}

		String testClock(Instant frozenTime) {
			JsonNode clock = gateway
				.post(CLOCKS, Map.of("frozen_time", frozenTime.toString(), "name", "membership walk-through"),
						this.apiKey)
				.expect(201, "test clock")
				.json();
			assertThat(clock.path("status").asString()).isEqualTo("ready");
			return clock.path("id").asString();
		}

		/** Moves the clock and waits until what fell due on the way has run. */
		void advance(String clock, Instant to) {
			gateway.post(CLOCKS + "/" + clock + "/advance", Map.of("frozen_time", to.toString()), this.apiKey)
				.expect(200, "advance the test clock");
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(300))
				.until(() -> "ready"
					.equals(gateway.get(CLOCKS + "/" + clock, this.apiKey).expect(200, "test clock").text("status")));
			assertThat(Instant.parse(gateway.get(CLOCKS + "/" + clock, this.apiKey).text("frozen_time"))).isEqualTo(to);
		}

		/**
		 * Waits for a delivery of {@code type} about {@code objectId} to this merchant's
		 * endpoint and checks its signature with the endpoint's signing secret.
		 */
		void awaitVerifiedWebhook(String type, String objectId) {
			WebhookReceiver.Delivery delivery = await(type + " about " + objectId).atMost(Duration.ofSeconds(60))
				.until(() -> receiver.deliveries()
					.stream()
					.filter(d -> d.body().contains("\"" + type + "\"") && d.body().contains(objectId)
							&& d.body().contains(this.merchant))
					.findFirst()
					.orElse(null), d -> d != null);
			assertThat(WebhookSignature.verifies(this.signingSecret, delivery.id(), delivery.timestamp(),
					delivery.body(), delivery.signature()))
				.as("%s verifies with the merchant's signing secret", type)
				.isTrue();
			assertThat(WebhookSignature.verifies("whsec_" + "A".repeat(44), delivery.id(), delivery.timestamp(),
					delivery.body(), delivery.signature()))
				.as("and not with another secret")
				.isFalse();
		}

	}

	/** A signed-in user with a saved card the shop may charge off-session. */
	private record Member(String token, String card) {

		static Member join(Shop shop, String cardNumber) {
			String suffix = UUID.randomUUID().toString().substring(0, 8);
			String email = "member-" + suffix + "@e2e.test";
			String password = "a long member password " + suffix;
			gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null).expect(201, "sign-up");
			String token = gateway
				.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", "member-" + suffix),
						null)
				.expect(200, "login")
				.text("access_token");
			String card = gateway
				.post("/v1/payment_methods",
						Map.of("type", "card", "card",
								Map.of("number", cardNumber, "exp_month", 12, "exp_year", 2034, "cvc", "123")),
						token)
				.expect(201, "card")
				.text("id");
			gateway
				.postOnce("/v1/setup_intents",
						Map.of("merchant", shop.merchant(), "payment_method", card, "usage", "off_session"), token)
				.expect(201, "off-session consent");
			return new Member(token, card);
		}

		JsonNode subscribe(String price, String clock) {
			return gateway
				.postOnce("/v1/subscriptions", Map.of("price", price, "payment_method", this.card, "test_clock", clock),
						this.token)
				.expect(201, "subscribe")
				.json();
		}

		JsonNode subscription(String id) {
			return gateway.get("/v1/subscriptions/" + id, this.token).expect(200, "subscription").json();
		}

		JsonNode latestInvoice(String subscription) {
			return gateway.get("/v1/invoices?subscription=" + subscription, this.token)
				.expect(200, "invoices")
				.json()
				.path("data")
				.get(0);
		}

		List<String> tiers() {
			return gateway.get("/v1/users/me/entitlements", this.token)
				.expect(200, "entitlements")
				.json()
				.path("data")
				.valueStream()
				.map(e -> e.path("merchant").asString() + ":" + e.path("tier").asString())
				.toList();
		}

	}

}
