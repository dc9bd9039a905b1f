package io.emberpay.payment.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.payment.payment.authorization.AuthorizationJanitor;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payments beyond a frictionless card: 3-D Secure waits in {@code requires_action} and
 * completes from the acquirer's signed webhook or the customer's return; a wallet pays in
 * one call; a bank debit stays {@code processing} until the acquirer's webhook settles
 * it, and a return fails it with the bank's reason in our words. Each step publishes its
 * event (the merchant's webhook).
 */
@PaymentServiceTest
class MethodsBeyondCardsPaymentTests {

	static TopicReader topic;

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuthorizationJanitor janitor;

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
	void challengedCardWaitsForThreeDSecureThenSucceedsOnceFromTheSignedWebhook() {
		String card = this.api.paymentMethod(this.user, "4000002760003184");
		Map<String, Object> body = PaymentApi.payment(1999, "EUR", this.merchant, card, "automatic");
		body.put("return_url", "emberpay-shop://payments/return");

		ApiClient.Response created = this.api.pay(this.user, body);

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("status")).isEqualTo("requires_action");
		JsonNode next = created.json().get("next_action");
		assertThat(next.get("type").asString()).isEqualTo("redirect_to_url");
		assertThat(next.get("redirect_to_url").get("url").asString()).startsWith("http://acquirer.test/")
			.endsWith("/challenge");
		assertThat(next.get("redirect_to_url").get("return_url").asString())
			.isEqualTo("emberpay-shop://payments/return");
		String id = created.text("id");
		awaitEvent(id, "payment.requires_action");

		String event = PlatformStubs.get().acquirerUpdate(id, "captured", null, null);
		ApiClient.Response first = deliver(event);
		ApiClient.Response again = deliver(event);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.text("outcome")).isEqualTo("payment_succeeded");
		assertThat(again.json().get("duplicate").asBoolean()).isTrue();
		assertThat(status(id)).isEqualTo("succeeded");
		awaitEvent(id, "payment.succeeded");
		assertThat(events(id, "payment.succeeded")).hasSize(1);
		assertThat(this.api.user(this.user).get("/v1/payments/" + id).json().has("next_action")).isFalse();
	}

	@Test
	void failingChallengeFailsThePaymentWithAuthenticationFailed() {
		String card = this.api.paymentMethod(this.user, "4000000000003220");
		ApiClient.Response created = this.api.pay(this.user,
				PaymentApi.payment(1999, "USD", this.merchant, card, "manual"));
		assertThat(created.text("status")).isEqualTo("requires_action");

		ApiClient.Response delivered = deliver(
				PlatformStubs.get().acquirerUpdate(created.text("id"), "declined", "authentication_failed", null));

		assertThat(delivered.text("outcome")).isEqualTo("payment_failed");
		ApiClient.Response payment = this.api.user(this.user).get("/v1/payments/" + created.text("id"));
		assertThat(payment.text("status")).isEqualTo("failed");
		assertThat(payment.text("failure_code")).isEqualTo("authentication_failed");
		awaitEvent(created.text("id"), "payment.failed");
	}

	@Test
	void customersReturnFromTheChallengeConfirmsWithTheAcquirersAnswer() {
		String card = this.api.paymentMethod(this.user, "4000002760003184");
		String id = this.api.pay(this.user, PaymentApi.payment(2500, "USD", this.merchant, card, "manual")).text("id");
		ApiClient.Response stillWaiting = this.api.user(this.user).post("/v1/payments/" + id + "/confirm", null);
		assertThat(stillWaiting.status()).as(stillWaiting.body()).isEqualTo(200);
		assertThat(stillWaiting.text("status")).isEqualTo("requires_action");

		PlatformStubs.get().acquirerUpdate(id, "authorized", null, null);
		ApiClient.Response confirmed = this.api.user(this.user).post("/v1/payments/" + id + "/confirm", Map.of());

		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.text("status")).isEqualTo("requires_capture");
	}

	@Test
	void aHoldTheAcquirerMakesAfterThePaymentWasCanceledIsReleased() {
		String card = this.api.paymentMethod(this.user, "4000002760003184");
		String id = this.api.pay(this.user, PaymentApi.payment(2500, "USD", this.merchant, card, "manual")).text("id");
		ApiClient.Response canceled = this.api.merchant(this.merchant)
			.post("/v1/payments/" + id + "/cancel", null, PaymentApi.key());
		assertThat(canceled.text("status")).as(canceled.body()).isEqualTo("canceled");

		// the customer passed the challenge anyway
		ApiClient.Response late = deliver(PlatformStubs.get().acquirerUpdate(id, "authorized", null, null));

		assertThat(late.text("outcome")).isEqualTo("payment_hold_after_cancel");
		assertThat(status(id)).isEqualTo("canceled");
		assertThat(PlatformStubs.get().authorizationsFor(id).get(0).status().get()).isEqualTo("voided");
	}

	@Test
	void refusesUnsignedForgedStaleAndMalformedAcquirerWebhooksChangingNothing() {
		String card = this.api.paymentMethod(this.user, "4000002760003184");
		String id = this.api.pay(this.user, PaymentApi.payment(1999, "USD", this.merchant, card, "automatic"))
			.text("id");
		String event = PlatformStubs.get().acquirerUpdate(id, "captured", null, null);
		long now = Instant.now().getEpochSecond();

		assertThat(send(event, null).status()).isEqualTo(401);
		assertThat(send(event, PlatformStubs.simulatorSignature(event, "wrong_secret", now)).status()).isEqualTo(401);
		assertThat(
				send(event, PlatformStubs.simulatorSignature(event, PlatformStubs.SIMULATOR_WEBHOOK_SECRET, now - 3600))
					.status())
			.isEqualTo(401);
		assertThat(
				send(event + " ", PlatformStubs.simulatorSignature(event, PlatformStubs.SIMULATOR_WEBHOOK_SECRET, now))
					.status())
			.as("a tampered body")
			.isEqualTo(401);
		assertThat(send(event, "v1=abc").status()).isEqualTo(400);
		String notJson = "{not json";
		ApiClient.Response malformed = send(notJson,
				PlatformStubs.simulatorSignature(notJson, PlatformStubs.SIMULATOR_WEBHOOK_SECRET, now));
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.text("param")).isEqualTo("body");

		assertThat(status(id)).isEqualTo("requires_action");
	}

	@Test
	void applePayTokenPaysInOneCallAndGoesToTheAcquirerAsReceived() {
		String wallet = this.api.paymentMethod(this.user,
				PaymentApi.wallet("apple_pay", PaymentApi.applePayToken("d2FsbGV0LXRlc3Q=")));

		ApiClient.Response paid = this.api.pay(this.user,
				PaymentApi.payment(1200, "USD", this.merchant, wallet, "automatic"));

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("succeeded");
		assertThat(paid.text("payment_method_type")).isEqualTo("apple_pay");
		assertThat(paid.json().get("card").get("last4").asString()).isEqualTo("4242");
		assertThat(PlatformStubs.get().walletTokens()).anyMatch(token -> token.contains("d2FsbGV0LXRlc3Q="));
		assertThat(paid.body()).doesNotContain("d2FsbGV0LXRlc3Q=");
		awaitEvent(paid.text("id"), "payment.succeeded");
	}

	@Test
	void sepaDebitStaysProcessingPastTheJanitorUntilTheAcquirerSettlesIt() {
		String debit = this.api.paymentMethod(this.user, PaymentApi.sepaDebit(PaymentApi.IBAN));

		ApiClient.Response created = this.api.pay(this.user,
				PaymentApi.payment(4200, "EUR", this.merchant, debit, "automatic"));

		assertThat(created.status()).as(created.body()).isEqualTo(202);
		assertThat(created.text("status")).isEqualTo("processing");
		String id = created.text("id");
		assertThat(PlatformStubs.get().bankAccounts())
			.anyMatch(account -> PaymentApi.IBAN.equals(account.path("iban").asString())
					&& account.path("mandate").path("reference").isString());
		// days later, as far as the janitor can tell
		this.jdbc.sql("update payment set updated_at = now() - interval '3 days' where id = ?").param(id).update();
		this.janitor.settleBatch();
		assertThat(status(id)).isEqualTo("processing");

		ApiClient.Response settled = deliver(PlatformStubs.get().acquirerUpdate(id, "captured", null, null));

		assertThat(settled.text("outcome")).isEqualTo("payment_succeeded");
		ApiClient.Response payment = this.api.user(this.user).get("/v1/payments/" + id);
		assertThat(payment.text("status")).isEqualTo("succeeded");
		assertThat(payment.json().get("amount_received").asLong()).isEqualTo(4200);
		assertThat(payment.text("payment_method_type")).isEqualTo("sepa_debit");
		assertThat(payment.json().get("card").get("last4").asString()).isEqualTo("3000");
		assertThat(payment.json().get("card").has("exp_month")).as("a bank account has no expiry").isFalse();
		awaitEvent(id, "payment.succeeded");
	}

	@Test
	void settledDebitReturnedByTheBankFailsWithItsReasonAndTakesTheMoneyBack() {
		String debit = this.api.paymentMethod(this.user, PaymentApi.sepaDebit(PaymentApi.IBAN));
		String id = this.api.pay(this.user, PaymentApi.payment(3000, "EUR", this.merchant, debit, "automatic"))
			.text("id");
		deliver(PlatformStubs.get().acquirerUpdate(id, "captured", null, null));
		awaitEvent(id, "payment.succeeded");

		ApiClient.Response returned = deliver(PlatformStubs.get().acquirerUpdate(id, "returned", null, "AC04"));

		assertThat(returned.text("outcome")).isEqualTo("payment_failed");
		ApiClient.Response payment = this.api.user(this.user).get("/v1/payments/" + id);
		assertThat(payment.text("status")).isEqualTo("failed");
		assertThat(payment.text("failure_code")).isEqualTo("account_closed");
		CloudEvent failed = awaitEvent(id, "payment.failed");
		// the ledger reverses what it posted at capture from this event's amount received
		assertThat(failed.data().get("payment").get("amount_received").asLong()).isEqualTo(3000);
	}

	@Test
	void achDebitFailedBeforeSettlementFailsWithInsufficientFunds() {
		String debit = this.api.paymentMethod(this.user, PaymentApi.usBankAccount(PaymentApi.ROUTING, "000123456789"));
		String id = this.api.pay(this.user, PaymentApi.payment(5000, "USD", this.merchant, debit, "automatic"))
			.text("id");
		assertThat(status(id)).isEqualTo("processing");

		deliver(PlatformStubs.get().acquirerUpdate(id, "declined", null, "R01"));

		ApiClient.Response payment = this.api.user(this.user).get("/v1/payments/" + id);
		assertThat(payment.text("status")).isEqualTo("failed");
		assertThat(payment.text("failure_code")).isEqualTo("insufficient_funds");
		CloudEvent failed = awaitEvent(id, "payment.failed");
		assertThat(failed.data().get("payment").get("amount_received").asLong()).isZero();
	}

	@Test
	void anAcquirerThatTakesCardsOnlyChargesNothingForADebit() {
		String debit = this.api.paymentMethod(this.user, PaymentApi.sepaDebit(PaymentApi.IBAN));

		ApiClient.Response refused = this.api.pay(this.user,
				PaymentApi.payment(1500, "EUR", "mer_on_stripe", debit, "automatic"));

		assertThat(refused.status()).as(refused.body()).isEqualTo(402);
		assertThat(this.api.user(this.user).get("/v1/payments/" + refused.text("payment")).text("failure_code"))
			.isEqualTo("processing_error");
	}

	@Test
	void refusesAMalformedReturnUrl() {
		String card = this.api.paymentMethod(this.user, "4000002760003184");
		Map<String, Object> body = new HashMap<>(PaymentApi.payment(1999, "USD", this.merchant, card, "automatic"));
		body.put("return_url", "javascript:alert(1)");

		ApiClient.Response response = this.api.pay(this.user, body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("return_url");
	}

	private String status(String paymentId) {
		return this.api.user(this.user).get("/v1/payments/" + paymentId).text("status");
	}

	private ApiClient.Response deliver(String event) {
		return send(event, PlatformStubs.simulatorSignature(event, PlatformStubs.SIMULATOR_WEBHOOK_SECRET,
				Instant.now().getEpochSecond()));
	}

	private ApiClient.Response send(String body, String signature) {
		Map<String, String> headers = new HashMap<>();
		if (signature != null) {
			headers.put("Simulator-Signature", signature);
		}
		return this.api.anonymous().send("POST", "/v1/psp_webhooks/psp-a", body, headers);
	}

	private static List<CloudEvent> events(String paymentId, String type) {
		return topic.events(type).stream().filter(e -> e.data().toString().contains(paymentId)).toList();
	}

	private static CloudEvent awaitEvent(String paymentId, String type) {
		await().atMost(Duration.ofSeconds(30)).until(() -> !events(paymentId, type).isEmpty());
		return events(paymentId, type).get(0);
	}

}
