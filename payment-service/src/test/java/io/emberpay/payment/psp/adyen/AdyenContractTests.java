package io.emberpay.payment.psp.adyen;

import java.time.Duration;
import java.util.Map;

import com.adyen.model.ApiError;
import com.adyen.model.checkout.PaymentCancelResponse;
import com.adyen.model.checkout.CheckoutRedirectAction;
import com.adyen.model.checkout.PaymentCaptureResponse;
import com.adyen.model.checkout.PaymentDetailsResponse;
import com.adyen.model.checkout.PaymentRefundResponse;
import com.adyen.model.checkout.PaymentResponse;
import io.emberpay.payment.psp.PspAccount;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.AcquirerContract;
import io.emberpay.payment.psp.AcquirerFault;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payments through the public API with Adyen as the merchant's acquirer, against the fake
 * Adyen server: what the platform answers, and what Adyen was asked to do (the fake's
 * payments, authorisations, captures and refunds); Adyen's own library parses every body
 * the fake served.
 */
@PaymentServiceTest
class AdyenContractTests extends AcquirerContract {

	static final String MERCHANT = "mer_on_adyen";

	AdyenContractTests() {
		super(FakeAdyen.get(), MERCHANT, "EUR");
	}

	@Autowired
	JdbcClient jdbc;

	private JsonNode atAdyen(String paymentId) {
		JsonNode payment = FakeAdyen.get().paymentOf(paymentId);
		assertThat(payment).as("Adyen's payment of " + paymentId).isNotNull();
		return payment;
	}

	private ApiClient.Response deliver(String notification) {
		return this.api.anonymous().post("/v1/psp_webhooks/adyen", notification);
	}

	@Test
	void automaticCaptureAuthorisesAndCapturesInOneCall() {
		int charges = FakeAdyen.get().charges();

		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 2500, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("succeeded");
		assertThat(paid.text("acquirer")).isEqualTo("adyen");
		assertThat(paid.text("routing_reason")).isEqualTo("priority");
		JsonNode payment = atAdyen(paid.text("id"));
		assertThat(payment.path("status").asString()).isEqualTo("captured");
		assertThat(payment.path("merchantAccount").asString()).isEqualTo(FakeAdyen.MERCHANT_ACCOUNT);
		assertThat(payment.path("currency").asString()).isEqualTo("EUR");
		assertThat(payment.path("metadata").path(AdyenConnector.KEY_METADATA).asString())
			.isEqualTo(paid.text("id") + ".authorize");
		assertThat(FakeAdyen.get().charges()).isEqualTo(charges + 1);
	}

	@Test
	void eachMerchantPaysUnderItsOwnMerchantAccountAndKey() {
		ApiClient.Response paid = pay("mer_own_adyen", PaymentApi.VISA, 1200, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(atAdyen(paid.text("id")).path("merchantAccount").asString())
			.isEqualTo(FakeAdyen.OTHER_MERCHANT_ACCOUNT);
	}

	@Test
	void manualCaptureHoldsThenCapturesInFull() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 4000, "manual");
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("requires_capture");
		assertThat(atAdyen(paid.text("id")).path("status").asString()).isEqualTo("authorised");

		ApiClient.Response captured = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + paid.text("id") + "/capture", Map.of(), PaymentApi.key());

		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		assertThat(captured.text("status")).isEqualTo("succeeded");
		assertThat(atAdyen(paid.text("id")).path("captured").asLong()).isEqualTo(4000);
	}

	@Test
	void partialCaptureTakesOnlyTheAmountAsked() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 4000, "manual");

		ApiClient.Response captured = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + paid.text("id") + "/capture", Map.of("amount", 1500), PaymentApi.key());

		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		assertThat(captured.json().get("amount_received").asLong()).isEqualTo(1500);
		assertThat(atAdyen(paid.text("id")).path("captured").asLong()).isEqualTo(1500);
	}

	@Test
	void cancelReleasesTheHoldAtAdyen() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 3000, "manual");

		ApiClient.Response canceled = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + paid.text("id") + "/cancel", Map.of(), PaymentApi.key());

		assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
		assertThat(canceled.text("status")).isEqualTo("canceled");
		assertThat(atAdyen(paid.text("id")).path("status").asString()).isEqualTo("cancelled");
	}

	@Test
	void refundsArePartialThenTheRest() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 5000, "automatic");
		int refunds = FakeAdyen.get().refunds();
		ApiClient merchant = this.api.merchant(MERCHANT);

		ApiClient.Response partial = merchant.post("/v1/refunds", Map.of("payment", paid.text("id"), "amount", 1200),
				PaymentApi.key());
		ApiClient.Response rest = merchant.post("/v1/refunds", Map.of("payment", paid.text("id")), PaymentApi.key());

		assertThat(partial.status()).as(partial.body()).isEqualTo(201);
		assertThat(rest.status()).as(rest.body()).isEqualTo(201);
		assertThat(rest.json().get("amount").asLong()).isEqualTo(3800);
		assertThat(merchant.get("/v1/payments/" + paid.text("id")).text("status")).isEqualTo("refunded");
		assertThat(atAdyen(paid.text("id")).path("refunded").asLong()).isEqualTo(5000);
		assertThat(FakeAdyen.get().refunds()).isEqualTo(refunds + 2);
	}

	@ParameterizedTest(name = "{0} refused as {1}")
	@CsvSource({ "4000000000000002, card_declined", "4000000000009995, insufficient_funds",
			"4000000000009987, card_declined", "4000000000006975, card_velocity_exceeded",
			"4100000000000019, card_declined", "4000000000000069, expired_card", "4000000000000127, incorrect_cvc",
			"4000000000000119, processing_error", "4000002760003184, authentication_required" })
	void adyenRefusalsLandAsOurFailureCodes(String card, String failureCode) {
		int charges = FakeAdyen.get().charges();

		ApiClient.Response paid = pay(MERCHANT, card, 2000, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(402);
		JsonNode payment = this.api.user(this.user).get("/v1/payments/" + paid.text("payment")).json();
		assertThat(payment.get("status").asString()).isEqualTo("failed");
		assertThat(payment.get("failure_code").asString()).isEqualTo(failureCode);
		assertThat(payment.get("acquirer").asString()).isEqualTo("adyen");
		assertThat(FakeAdyen.get().charges()).isEqualTo(charges);
	}

	/**
	 * Adyen cannot be asked by key: while it is silent the janitor keeps the payment
	 * processing (never "nothing happened"), and the AUTHORISATION notification settles
	 * it, which the janitor then finds too.
	 */
	@Test
	void anUnknownOutcomeStaysProcessingUntilAdyensNotificationSettlesIt() {
		int charges = FakeAdyen.get().charges();
		FakeAdyen.get().fault(AcquirerFault.slow(Duration.ofMillis(1500)));

		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 3200, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(202);
		assertThat(paid.text("status")).isEqualTo("processing");
		assertThat(paid.text("acquirer")).isEqualTo("adyen");
		FakeAdyen.get().clearFault();
		String paymentId = paid.text("id");
		// past the janitor's grace (8 s here) it has asked, and deferred the payment
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.jdbc.sql("select settle_attempts from payment where id = ?")
				.param(paymentId)
				.query(Integer.class)
				.single() > 0);
		assertThat(status(paymentId)).isEqualTo("processing");
		JsonNode atAdyen = atAdyen(paymentId);

		ApiClient.Response accepted = deliver(FakeAdyen.authorisation(atAdyen.path("pspReference").asString(),
				FakeAdyen.MERCHANT_ACCOUNT, paymentId, 3200, "EUR", true, FakeAdyen.HMAC_KEY));

		assertThat(accepted.body()).isEqualTo("[accepted]");
		assertThat(status(paymentId)).isEqualTo("succeeded");
		assertThat(FakeAdyen.get().charges()).isEqualTo(charges + 1);
		assertThat(this.router.findAuthorization(new PspAccount(MERCHANT, false), paymentId + ".authorize"))
			.hasValueSatisfying(found -> {
				assertThat(found.psp()).isEqualTo("adyen");
				assertThat(found.authorization().status()).isEqualTo(PspAuthorization.Status.CAPTURED);
			});
	}

	@Test
	void aSignedAuthorisationDeliveredThreeTimesAdvancesThePaymentOnce() {
		FakeAdyen.get().fault(AcquirerFault.slow(Duration.ofMillis(1500)));
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 4100, "manual");
		assertThat(paid.text("status")).isEqualTo("processing");
		FakeAdyen.get().clearFault();
		String paymentId = paid.text("id");
		String pspReference = atAdyen(paymentId).path("pspReference").asString();
		String notification = FakeAdyen.authorisation(pspReference, FakeAdyen.MERCHANT_ACCOUNT, paymentId, 4100, "EUR",
				true, FakeAdyen.HMAC_KEY);

		for (int delivery = 0; delivery < 3; delivery++) {
			ApiClient.Response accepted = deliver(notification);
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
			assertThat(accepted.body()).isEqualTo("[accepted]");
		}

		assertThat(status(paymentId)).isEqualTo("requires_capture");
		assertThat(this.jdbc.sql("select outcome from psp_webhook_event where acquirer = 'adyen' and event_id = ?")
			.param("AUTHORISATION:" + pspReference + ":true")
			.query(String.class)
			.list()).containsExactly("payment_requires_capture");
		ApiClient.Response captured = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + paymentId + "/capture", Map.of(), PaymentApi.key());
		assertThat(captured.text("status")).isEqualTo("succeeded");
	}

	/**
	 * Each merchant account's webhook has its key: one account's key does not speak for
	 * another account, nor a test key for live.
	 */
	@Test
	void aNotificationSignedWithAnotherKeyOrForAnotherAccountChangesNothing() {
		FakeAdyen.get().fault(AcquirerFault.slow(Duration.ofMillis(1500)));
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 4200, "automatic");
		FakeAdyen.get().clearFault();
		String paymentId = paid.text("id");
		String pspReference = atAdyen(paymentId).path("pspReference").asString();

		ApiClient.Response wrongKey = deliver(FakeAdyen.authorisation(pspReference, FakeAdyen.MERCHANT_ACCOUNT,
				paymentId, 4200, "EUR", true, "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"));
		ApiClient.Response otherAccount = deliver(FakeAdyen.authorisation(pspReference,
				FakeAdyen.OTHER_MERCHANT_ACCOUNT, paymentId, 4200, "EUR", true, FakeAdyen.HMAC_KEY));
		ApiClient.Response live = deliver(FakeAdyen
			.authorisation(pspReference, FakeAdyen.MERCHANT_ACCOUNT, paymentId, 4200, "EUR", true, FakeAdyen.HMAC_KEY)
			.replace("\"live\":\"false\"", "\"live\":\"true\""));

		assertThat(wrongKey.status()).as(wrongKey.body()).isEqualTo(401);
		assertThat(wrongKey.text("code")).isEqualTo("webhook_signature_invalid");
		assertThat(otherAccount.status()).as(otherAccount.body()).isEqualTo(401);
		assertThat(live.status()).as(live.body()).isEqualTo(401);
		assertThat(status(paymentId)).isEqualTo("processing");
	}

	@Test
	void aRefundAdyenFailsLaterIsLeftForAnOperatorAndOnlyItsOwnAccountMaySaySo() {
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 1900, "automatic");
		ApiClient.Response refund = this.api.merchant(MERCHANT)
			.post("/v1/refunds", Map.of("payment", paid.text("id")), PaymentApi.key());
		assertThat(refund.text("status")).isEqualTo("succeeded");
		String paymentReference = atAdyen(paid.text("id")).path("pspReference").asString();
		String reference = "ZXREFUND" + (System.nanoTime() % 100_000_000);

		// another merchant account, signed with a key the platform holds (its webhooks')
		ApiClient.Response otherAccount = deliver(FakeAdyen.notification("REFUND_FAILED", reference + "9",
				paymentReference, FakeAdyen.OTHER_MERCHANT_ACCOUNT, refund.text("id"), 1900, "EUR", true,
				"44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056"));
		ApiClient.Response failed = deliver(FakeAdyen.notification("REFUND_FAILED", reference, paymentReference,
				FakeAdyen.MERCHANT_ACCOUNT, refund.text("id"), 1900, "EUR", true, FakeAdyen.HMAC_KEY));

		assertThat(otherAccount.body()).isEqualTo("[accepted]");
		assertThat(failed.body()).isEqualTo("[accepted]");
		assertThat(outcome("REFUND_FAILED:" + reference + "9:true")).isEqualTo("not_this_account");
		assertThat(outcome("REFUND_FAILED:" + reference + ":true")).isEqualTo("refund_failed_after_success");
	}

	private String outcome(String eventId) {
		return this.jdbc.sql("select outcome from psp_webhook_event where acquirer = 'adyen' and event_id = ?")
			.param(eventId)
			.query(String.class)
			.single();
	}

	private ApiClient.Response payWithReturn(String cardNumber, long amount, String captureMethod) {
		String card = this.api.paymentMethod(this.user, cardNumber);
		Map<String, Object> body = PaymentApi.payment(amount, "EUR", MERCHANT, card, captureMethod);
		body.put("return_url", "https://shop.example/return");
		return this.api.pay(this.user, body);
	}

	private ApiClient.Response confirm(String paymentId, String redirectResult) {
		return this.api.user(this.user)
			.post("/v1/payments/" + paymentId + "/confirm",
					(redirectResult == null) ? Map.of() : Map.of("redirect_result", redirectResult));
	}

	@Test
	void aChallengedCardWaitsOnAdyensRedirectAndTheReturnCompletesItByPaymentsDetails() {
		ApiClient.Response created = payWithReturn("4212345678910006", 3100, "manual");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("status")).isEqualTo("requires_action");
		JsonNode next = created.json().get("next_action");
		assertThat(next.get("type").asString()).isEqualTo("redirect_to_url");
		assertThat(next.get("redirect_to_url").get("url").asString())
			.endsWith("/checkoutshopper/threeDS/redirect?MD=" + FakeAdyen.get().challengeOf(created.text("id")));
		assertThat(next.get("redirect_to_url").get("return_url").asString()).isEqualTo("https://shop.example/return");
		assertThat(FakeAdyen.get().paymentOf(created.text("id"))).isNull();

		FakeAdyen.ChallengeResult result = FakeAdyen.get().completeChallenge(created.text("id"), true);
		ApiClient.Response confirmed = confirm(created.text("id"), result.redirectResult());

		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.text("status")).isEqualTo("requires_capture");
		ApiClient.Response captured = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + created.text("id") + "/capture", Map.of(), PaymentApi.key());
		assertThat(captured.text("status")).as(captured.body()).isEqualTo("succeeded");
		assertThat(atAdyen(created.text("id")).path("captured").asLong()).isEqualTo(3100);
	}

	@Test
	void aPassedChallengeIsSettledOnceByAdyensAuthorisationNotification() {
		ApiClient.Response created = payWithReturn("4000002760003184", 2700, "automatic");
		assertThat(created.text("status")).as(created.body()).isEqualTo("requires_action");
		ApiClient.Response early = confirm(created.text("id"), null);
		assertThat(early.text("status")).as(early.body()).isEqualTo("requires_action");

		FakeAdyen.ChallengeResult result = FakeAdyen.get().completeChallenge(created.text("id"), true);
		String notification = FakeAdyen.authorisation(result.pspReference(), FakeAdyen.MERCHANT_ACCOUNT,
				created.text("id"), 2700, "EUR", true, FakeAdyen.HMAC_KEY);
		for (int delivery = 0; delivery < 3; delivery++) {
			assertThat(deliver(notification).status()).isEqualTo(200);
		}

		assertThat(status(created.text("id"))).isEqualTo("succeeded");
		assertThat(this.jdbc.sql("select outcome from psp_webhook_event where acquirer = 'adyen' and event_id = ?")
			.param("AUTHORISATION:" + result.pspReference() + ":true")
			.query(String.class)
			.list()).containsExactly("payment_succeeded");
		// the customer's return after the notification finds nothing left to confirm
		assertThat(confirm(created.text("id"), null).status()).isEqualTo(409);
	}

	@Test
	void aHoldAdyenMakesAfterThePaymentWasCanceledAt3dsIsCanceledAtAdyen() {
		ApiClient.Response created = payWithReturn("4212345678910006", 2300, "manual");
		ApiClient.Response canceled = this.api.merchant(MERCHANT)
			.post("/v1/payments/" + created.text("id") + "/cancel", Map.of(), PaymentApi.key());
		assertThat(canceled.text("status")).as(canceled.body()).isEqualTo("canceled");

		FakeAdyen.ChallengeResult result = FakeAdyen.get().completeChallenge(created.text("id"), true);
		assertThat(atAdyen(created.text("id")).path("status").asString()).isEqualTo("authorised");
		ApiClient.Response delivered = deliver(FakeAdyen.authorisation(result.pspReference(),
				FakeAdyen.MERCHANT_ACCOUNT, created.text("id"), 2300, "EUR", true, FakeAdyen.HMAC_KEY));

		assertThat(delivered.status()).isEqualTo(200);
		assertThat(atAdyen(created.text("id")).path("status").asString()).isEqualTo("cancelled");
		assertThat(status(created.text("id"))).isEqualTo("canceled");
	}

	@Test
	void aFailedChallengeFailsThePaymentAsAuthenticationFailed() {
		int charges = FakeAdyen.get().charges();
		ApiClient.Response created = payWithReturn("4000000000003220", 1900, "automatic");
		assertThat(created.text("status")).as(created.body()).isEqualTo("requires_action");

		FakeAdyen.ChallengeResult result = FakeAdyen.get().completeChallenge(created.text("id"), true);
		ApiClient.Response confirmed = confirm(created.text("id"), result.redirectResult());

		assertThat(result.passed()).isFalse();
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(402);
		JsonNode payment = this.api.user(this.user).get("/v1/payments/" + created.text("id")).json();
		assertThat(payment.get("status").asString()).isEqualTo("failed");
		assertThat(payment.get("failure_code").asString()).isEqualTo("authentication_failed");
		assertThat(FakeAdyen.get().charges()).isEqualTo(charges);
	}

	@Test
	void applePayAndGooglePayTokensPayThroughAdyen() {
		String apple = this.api.paymentMethod(this.user,
				PaymentApi.wallet("apple_pay", PaymentApi.applePayToken("ZW1iZXJwYXktdGVzdC10b2tlbg==")));
		String google = this.api.paymentMethod(this.user,
				PaymentApi.wallet("google_pay", PaymentApi.googlePayToken("c2lnbmVk")));

		ApiClient.Response applePaid = this.api.pay(this.user,
				PaymentApi.payment(1200, "EUR", MERCHANT, apple, "automatic"));
		ApiClient.Response googlePaid = this.api.pay(this.user,
				PaymentApi.payment(1300, "EUR", MERCHANT, google, "manual"));

		assertThat(applePaid.status()).as(applePaid.body()).isEqualTo(201);
		assertThat(applePaid.text("status")).isEqualTo("succeeded");
		assertThat(applePaid.text("payment_method_type")).isEqualTo("apple_pay");
		assertThat(atAdyen(applePaid.text("id")).path("captured").asLong()).isEqualTo(1200);
		assertThat(googlePaid.status()).as(googlePaid.body()).isEqualTo(201);
		assertThat(googlePaid.text("status")).isEqualTo("requires_capture");
	}

	@Test
	void aBankDebitIsNotSentToAdyenAndFailsWithoutACharge() {
		int calls = FakeAdyen.get().calls();
		String debit = this.api.paymentMethod(this.user, PaymentApi.sepaDebit(PaymentApi.IBAN));

		ApiClient.Response paid = this.api.pay(this.user,
				PaymentApi.payment(1000, "EUR", MERCHANT, debit, "automatic"));

		assertThat(paid.status()).as(paid.body()).isEqualTo(402);
		assertThat(FakeAdyen.get().calls()).isEqualTo(calls);
	}

	@Test
	void adyensLibraryParsesEveryBodyTheFakeServes() {
		ApiClient.Response held = pay(MERCHANT, PaymentApi.VISA, 2600, "manual");
		this.api.merchant(MERCHANT).post("/v1/payments/" + held.text("id") + "/cancel", Map.of(), PaymentApi.key());
		ApiClient.Response partly = pay(MERCHANT, PaymentApi.VISA, 2600, "manual");
		this.api.merchant(MERCHANT)
			.post("/v1/payments/" + partly.text("id") + "/capture", Map.of("amount", 100), PaymentApi.key());
		pay(MERCHANT, "4000000000009995", 2600, "automatic");
		ApiClient.Response paid = pay(MERCHANT, PaymentApi.VISA, 2600, "automatic");
		this.api.merchant(MERCHANT).post("/v1/refunds", Map.of("payment", paid.text("id")), PaymentApi.key());
		ApiClient.Response challenged = payWithReturn("4212345678910006", 2600, "automatic");
		confirm(challenged.text("id"), FakeAdyen.get().completeChallenge(challenged.text("id"), true).redirectResult());
		FakeAdyen.get().fault(AcquirerFault.refusing(500, 1));
		pay(MERCHANT, PaymentApi.VISA, 2600, "automatic");

		assertThat(FakeAdyen.get().served()).extracting(FakeAdyen.Served::kind)
			.contains("payment", "details", "capture", "cancel", "refund", "error");
		for (FakeAdyen.Served served : FakeAdyen.get().served()) {
			try {
				switch (served.kind()) {
					case "payment" -> {
						PaymentResponse response = PaymentResponse.fromJson(served.body());
						if (response.getResultCode() == PaymentResponse.ResultCodeEnum.REDIRECTSHOPPER) {
							CheckoutRedirectAction redirect = response.getAction().getCheckoutRedirectAction();
							assertThat(redirect.getType()).isEqualTo(CheckoutRedirectAction.TypeEnum.REDIRECT);
							assertThat(redirect.getUrl()).contains("/threeDS/redirect?MD=");
							assertThat(redirect.getMethod()).isEqualTo("GET");
							continue;
						}
						assertThat(response.getPspReference()).hasSize(16);
						assertThat(response.getResultCode()).isNotNull();
						assertThat(response.getAmount().getValue()).isPositive();
						assertThat(response.getMerchantReference()).startsWith("pay_");
						if (response.getResultCode() == PaymentResponse.ResultCodeEnum.REFUSED) {
							assertThat(response.getRefusalReasonCode()).isNotBlank();
						}
					}
					case "details" -> {
						PaymentDetailsResponse response = PaymentDetailsResponse.fromJson(served.body());
						assertThat(response.getPspReference()).hasSize(16);
						assertThat(response.getResultCode()).isIn(PaymentDetailsResponse.ResultCodeEnum.AUTHORISED,
								PaymentDetailsResponse.ResultCodeEnum.REFUSED);
						assertThat(response.getMerchantReference()).startsWith("pay_");
						assertThat(response.getAmount().getValue()).isPositive();
					}
					case "capture" -> {
						PaymentCaptureResponse response = PaymentCaptureResponse.fromJson(served.body());
						assertThat(response.getStatus()).isEqualTo(PaymentCaptureResponse.StatusEnum.RECEIVED);
						assertThat(response.getPaymentPspReference()).hasSize(16);
					}
					case "cancel" -> assertThat(PaymentCancelResponse.fromJson(served.body()).getStatus())
						.isEqualTo(PaymentCancelResponse.StatusEnum.RECEIVED);
					case "refund" -> {
						PaymentRefundResponse response = PaymentRefundResponse.fromJson(served.body());
						assertThat(response.getStatus()).isEqualTo(PaymentRefundResponse.StatusEnum.RECEIVED);
						assertThat(response.getAmount().getValue()).isPositive();
					}
					case "error" -> {
						ApiError error = ApiError.fromJson(served.body());
						assertThat(error.getStatus()).isPositive();
						assertThat(error.getErrorCode()).isNotBlank();
						assertThat(error.getErrorType()).isNotBlank();
						assertThat(error.getMessage()).isNotBlank();
					}
					default -> throw new AssertionError("unexpected kind " + served.kind());
				}
			}
			catch (java.io.IOException ex) {
				throw new AssertionError("Adyen's library cannot read " + served.body(), ex);
			}
		}
	}

	private String status(String paymentId) {
		return this.api.user(this.user).get("/v1/payments/" + paymentId).text("status");
	}

}
