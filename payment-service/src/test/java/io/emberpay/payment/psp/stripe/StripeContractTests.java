package io.emberpay.payment.psp.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.ApiResource;
import io.emberpay.payment.psp.AcquirerContract;
import io.emberpay.payment.psp.AcquirerFault;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payments through the public API with Stripe as the merchant's acquirer, against the
 * fake Stripe server: what the platform answers, and what Stripe was asked to do (the
 * fake's PaymentIntents, charges and refunds).
 */
@PaymentServiceTest
class StripeContractTests extends AcquirerContract {

	static final String MERCHANT = "mer_on_stripe";

	StripeContractTests() {
		super(FakeStripe.get(), MERCHANT, "USD");
	}

	private JsonNode intentOf(String paymentId) {
		JsonNode intent = FakeStripe.get().paymentIntentOf(paymentId);
		assertThat(intent).as("PaymentIntent of " + paymentId).isNotNull();
		return intent;
	}

	@Test
	void automaticCaptureChargesThroughAConfirmedPaymentIntent() {
		int charges = FakeStripe.get().charges();

		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 2500, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("succeeded");
		assertThat(paid.json().get("amount_received").asLong()).isEqualTo(2500);
		JsonNode intent = intentOf(paid.text("id"));
		assertThat(intent.path("status").asString()).isEqualTo("succeeded");
		assertThat(intent.path("capture_method").asString()).isEqualTo("automatic");
		assertThat(intent.path("currency").asString()).isEqualTo("usd");
		assertThat(intent.path("metadata").path("emberpay_authorization_key").asString())
			.isEqualTo(paid.text("id") + ".authorize");
		assertThat(FakeStripe.get().accountOf(intent.path("id").asString())).isEqualTo(FakeStripe.SECRET_KEY);
		assertThat(FakeStripe.get().charges()).isEqualTo(charges + 1);
	}

	@Test
	void eachMerchantPaysWithItsOwnStripeAccount() {
		ApiClient.Response paid = pay("mer_own_stripe", PaymentApi.VISA, 1200, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(FakeStripe.get().accountOf(intentOf(paid.text("id")).path("id").asString()))
			.isEqualTo(FakeStripe.OTHER_MERCHANT_KEY);
	}

	@Test
	void manualCaptureHoldsThenCapturesInFull() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 4000, "manual");
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("requires_capture");
		assertThat(intentOf(paid.text("id")).path("amount_capturable").asLong()).isEqualTo(4000);

		ApiClient.Response captured = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + paid.text("id") + "/capture", Map.of(), PaymentApi.key());

		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		assertThat(captured.text("status")).isEqualTo("succeeded");
		JsonNode intent = intentOf(paid.text("id"));
		assertThat(intent.path("status").asString()).isEqualTo("succeeded");
		assertThat(intent.path("amount_received").asLong()).isEqualTo(4000);
	}

	@Test
	void partialCaptureTakesOnlyTheAmountAsked() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 4000, "manual");

		ApiClient.Response captured = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + paid.text("id") + "/capture", Map.of("amount", 1500), PaymentApi.key());

		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		assertThat(captured.json().get("amount_received").asLong()).isEqualTo(1500);
		JsonNode intent = intentOf(paid.text("id"));
		assertThat(intent.path("amount_received").asLong()).isEqualTo(1500);
		assertThat(intent.path("amount_capturable").asLong()).isZero();
	}

	@Test
	void cancelReleasesTheHoldAtStripe() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 3000, "manual");

		ApiClient.Response canceled = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + paid.text("id") + "/cancel", Map.of(), PaymentApi.key());

		assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
		assertThat(canceled.text("status")).isEqualTo("canceled");
		assertThat(intentOf(paid.text("id")).path("status").asString()).isEqualTo("canceled");
	}

	@Test
	void refundsArePartialThenTheRest() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 5000, "automatic");
		int refunds = FakeStripe.get().refunds();
		ApiClient merchant = this.api.merchant(MERCHANT);

		ApiClient.Response partial = merchant.post("/v1/refunds", Map.of("payment", paid.text("id"), "amount", 1200),
				PaymentApi.key());
		ApiClient.Response rest = merchant.post("/v1/refunds", Map.of("payment", paid.text("id")), PaymentApi.key());

		assertThat(partial.status()).as(partial.body()).isEqualTo(201);
		assertThat(partial.text("status")).isEqualTo("succeeded");
		assertThat(rest.status()).as(rest.body()).isEqualTo(201);
		assertThat(rest.json().get("amount").asLong()).isEqualTo(3800);
		assertThat(merchant.get("/v1/payments/" + paid.text("id")).text("status")).isEqualTo("refunded");
		assertThat(FakeStripe.get().refunds()).isEqualTo(refunds + 2);
	}

	@ParameterizedTest(name = "{0} declines as {1}")
	@CsvSource({ "4000000000000002, card_declined", "4000000000009995, insufficient_funds",
			"4000000000009987, lost_card", "4000000000009979, stolen_card", "4000000000006975, card_velocity_exceeded",
			"4100000000000019, card_declined", "4000000000000069, expired_card", "4000000000000127, incorrect_cvc",
			"4000000000000119, processing_error", "4000002760003184, authentication_required" })
	void stripeDeclinesLandAsOurFailureCodes(String card, String failureCode) {
		int charges = FakeStripe.get().charges();

		ApiClient.Response paid = pay(MERCHANT, card, 2000, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(402);
		String paymentId = paid.text("payment");
		JsonNode payment = this.api.user(this.user).get("/v1/payments/" + paymentId).json();
		assertThat(payment.get("status").asString()).isEqualTo("failed");
		assertThat(payment.get("failure_code").asString()).isEqualTo(failureCode);
		assertThat(intentOf(paymentId).path("status").asString()).isEqualTo("requires_payment_method");
		assertThat(FakeStripe.get().charges()).isEqualTo(charges);
	}

	@Test
	void anUnknownOutcomeIsSettledByTheJanitorFromStripe() {
		int charges = FakeStripe.get().charges();
		FakeStripe.get().fault(AcquirerFault.slow(Duration.ofMillis(1500)));

		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 3200, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(202);
		assertThat(paid.text("status")).isEqualTo("processing");
		FakeStripe.get().clearFault();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.api.user(this.user).get("/v1/payments/" + paid.text("id")).text("status"))
						.isEqualTo("succeeded"));
		assertThat(FakeStripe.get().charges()).isEqualTo(charges + 1);
	}

	private ApiClient.Response payWithReturn(String cardNumber, long amount, String captureMethod) {
		String card = this.api.paymentMethod(this.user, cardNumber);
		Map<String, Object> body = PaymentApi.payment(amount, "USD", MERCHANT, card, captureMethod);
		body.put("return_url", "emberpay-shop://payments/return");
		return this.api.pay(this.user, body);
	}

	private ApiClient.Response deliverSigned(String payload) {
		Map<String, String> headers = new HashMap<>();
		headers.put("Stripe-Signature",
				FakeStripe.signatureHeader(payload, FakeStripe.WEBHOOK_SECRET, Instant.now().getEpochSecond()));
		return this.api.anonymous().send("POST", "/v1/psp_webhooks/stripe", payload, headers);
	}

	@Test
	void aChallengedCardWaitsOnStripesRedirectThenSucceedsFromItsWebhookOnce() {
		ApiClient.Response created = payWithReturn("4000002760003184", 2100, "automatic");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("status")).isEqualTo("requires_action");
		JsonNode next = created.json().get("next_action");
		assertThat(next.get("type").asString()).isEqualTo("redirect_to_url");
		JsonNode intent = intentOf(created.text("id"));
		assertThat(intent.path("status").asString()).isEqualTo("requires_action");
		assertThat(next.get("redirect_to_url").get("url").asString())
			.isEqualTo(intent.path("next_action").path("redirect_to_url").path("url").asString());
		assertThat(next.get("redirect_to_url").get("return_url").asString())
			.isEqualTo("emberpay-shop://payments/return");

		JsonNode passed = FakeStripe.get().completeChallenge(intent.path("id").asString(), true);
		String event = FakeStripe.get()
			.event("evt_" + UUID.randomUUID().toString().replace("-", ""), "payment_intent.succeeded", passed);
		ApiClient.Response first = deliverSigned(event);
		ApiClient.Response again = deliverSigned(event);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		ApiClient.Response payment = this.api.user(this.user).get("/v1/payments/" + created.text("id"));
		assertThat(payment.text("status")).isEqualTo("succeeded");
		assertThat(payment.json().get("amount_received").asLong()).isEqualTo(2100);
		assertThat(payment.json().has("next_action")).isFalse();
	}

	@Test
	void theCustomersReturnAsksStripeForTheChallengesResult() {
		ApiClient.Response created = payWithReturn("4000002760003184", 3300, "manual");
		assertThat(created.text("status")).as(created.body()).isEqualTo("requires_action");
		ApiClient.Response early = this.api.user(this.user)
			.post("/v1/payments/" + created.text("id") + "/confirm", Map.of());
		assertThat(early.text("status")).as(early.body()).isEqualTo("requires_action");

		FakeStripe.get().completeChallenge(intentOf(created.text("id")).path("id").asString(), true);
		ApiClient.Response confirmed = this.api.user(this.user)
			.post("/v1/payments/" + created.text("id") + "/confirm", Map.of());

		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.text("status")).isEqualTo("requires_capture");
		assertThat(confirmed.json().get("amount_capturable").asLong()).isEqualTo(3300);
	}

	@Test
	void aFailedChallengeFailsThePaymentAsAuthenticationFailed() {
		ApiClient.Response created = payWithReturn("4000000000003220", 1500, "automatic");
		assertThat(created.text("status")).as(created.body()).isEqualTo("requires_action");
		JsonNode failed = FakeStripe.get().completeChallenge(intentOf(created.text("id")).path("id").asString(), true);
		String event = FakeStripe.get()
			.event("evt_" + UUID.randomUUID().toString().replace("-", ""), "payment_intent.payment_failed", failed);

		ApiClient.Response delivered = deliverSigned(event);

		assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
		ApiClient.Response payment = this.api.user(this.user).get("/v1/payments/" + created.text("id"));
		assertThat(payment.text("status")).isEqualTo("failed");
		assertThat(payment.text("failure_code")).isEqualTo("authentication_failed");
	}

	@Test
	void aPaymentCanceledWhileAt3dsIsCanceledAtStripeSoThePassedChallengeChargesNothing() {
		int charges = FakeStripe.get().charges();
		ApiClient.Response created = payWithReturn("4000002760003184", 2900, "automatic");

		ApiClient.Response canceled = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + created.text("id") + "/cancel", Map.of(), PaymentApi.key());

		assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
		assertThat(canceled.text("status")).isEqualTo("canceled");
		assertThat(intentOf(created.text("id")).path("status").asString()).isEqualTo("canceled");
		assertThat(FakeStripe.get().charges()).isEqualTo(charges);
	}

	@Test
	void aGooglePayTokenMadeForStripePaysAsACardToken() {
		Map<String, Object> token = Map.of("type", "CARD", "description", "Visa 4242", "info",
				Map.of("cardNetwork", "VISA", "cardDetails", "4242"), "tokenizationData",
				Map.of("type", "PAYMENT_GATEWAY", "token",
						"{\"id\":\"" + FakeStripe.GOOGLE_PAY_TOKEN + "\",\"object\":\"token\",\"type\":\"card\"}"));
		String method = this.api.paymentMethod(this.user, PaymentApi.wallet("google_pay", token));

		ApiClient.Response paid = this.api.pay(this.user,
				PaymentApi.payment(1800, "USD", MERCHANT, method, "automatic"));

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("succeeded");
		assertThat(intentOf(paid.text("id")).path("status").asString()).isEqualTo("succeeded");
	}

	@Test
	void anApplePayTokenStripeCannotTakeFailsWithoutACharge() {
		int charges = FakeStripe.get().charges();
		String method = this.api.paymentMethod(this.user,
				PaymentApi.wallet("apple_pay", PaymentApi.applePayToken("ZW1iZXJwYXktdGVzdC10b2tlbg==")));

		ApiClient.Response paid = this.api.pay(this.user,
				PaymentApi.payment(1800, "USD", MERCHANT, method, "automatic"));

		assertThat(paid.status()).as(paid.body()).isEqualTo(402);
		assertThat(FakeStripe.get().paymentIntentOf(paid.text("payment"))).isNull();
		assertThat(FakeStripe.get().charges()).isEqualTo(charges);
	}

	@Test
	void theSdkParsesEveryObjectTheFakeServes() {
		pay(MERCHANT, PaymentApi.VISA, 2600, "manual");
		pay(MERCHANT, "4000000000009995", 2600, "automatic");
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 2600, "automatic");
		this.api.merchant(MERCHANT).post("/v1/refunds", Map.of("payment", paid.text("id")), PaymentApi.key());

		assertThat(FakeStripe.get().served()).extracting(FakeStripe.Served::kind)
			.contains("payment_intent", "refund", "error");
		for (FakeStripe.Served served : FakeStripe.get().served()) {
			switch (served.kind()) {
				case "payment_intent" -> {
					PaymentIntent intent = ApiResource.GSON.fromJson(served.body(), PaymentIntent.class);
					assertThat(intent.getId()).startsWith("pi_");
					assertThat(intent.getObject()).isEqualTo("payment_intent");
					assertThat(intent.getStatus()).isNotBlank();
					assertThat(intent.getAmount()).isPositive();
					if ("requires_action".equals(intent.getStatus())) {
						assertThat(intent.getNextAction().getType()).isEqualTo("redirect_to_url");
						assertThat(intent.getNextAction().getRedirectToUrl().getUrl()).startsWith("http");
						assertThat(intent.getNextAction().getRedirectToUrl().getReturnUrl()).isNotBlank();
					}
				}
				case "refund" -> {
					Refund refund = ApiResource.GSON.fromJson(served.body(), Refund.class);
					assertThat(refund.getId()).startsWith("re_");
					assertThat(refund.getPaymentIntent()).startsWith("pi_");
					assertThat(refund.getStatus()).isEqualTo("succeeded");
				}
				case "search_result" -> assertThat(JsonParser.parseString(served.body())
					.getAsJsonObject()
					.getAsJsonArray("data")
					.asList()
					.stream()
					.map(data -> ApiResource.GSON.fromJson(data, PaymentIntent.class).getId()))
					.allMatch(id -> id.startsWith("pi_"));
				case "error" -> {
					JsonObject body = JsonParser.parseString(served.body()).getAsJsonObject();
					StripeError error = ApiResource.GSON.fromJson(body.get("error"), StripeError.class);
					assertThat(error.getType()).isNotBlank();
					assertThat(error.getMessage()).isNotBlank();
					if ("card_error".equals(error.getType())) {
						assertThat(error.getPaymentIntent().getLastPaymentError().getCode()).isEqualTo(error.getCode());
					}
				}
				default -> throw new AssertionError("unexpected kind " + served.kind());
			}
		}
	}

}
