package io.emberpay.payment.payment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.payment.fraud.FraudScreen;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PaymentServiceTest
class PaymentLifecycleTests {

	private static TopicReader payments;

	@Value("${local.server.port}")
	int port;

	@Autowired
	FraudScreen fraudScreen;

	PaymentApi api;

	String user;

	String merchant;

	String card;

	@BeforeAll
	static void readTopic() {
		payments = new TopicReader(Topics.PAYMENTS);
	}

	@AfterAll
	static void closeTopic() {
		payments.close();
	}

	@BeforeEach
	void setUp() {
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
		this.merchant = PaymentApi.newMerchant();
		this.card = this.api.paymentMethod(this.user, PaymentApi.VISA);
	}

	@AfterEach
	void clearFaults() {
		PlatformStubs.get().clearFaults();
	}

	@Test
	void automaticPaymentSucceedsAndPublishesAuthorizedCapturedSucceededInOrder() {
		ApiClient.Response response = this.api.pay(this.user,
				PaymentApi.payment(1999, "USD", this.merchant, this.card, "automatic"));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.text("id")).startsWith("pay_");
		assertThat(response.text("status")).isEqualTo("succeeded");
		assertThat(response.json().get("amount_received").asLong()).isEqualTo(1999);
		assertThat(response.json().get("risk").get("decision").asString()).isEqualTo("approve");
		String id = response.text("id");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(types(id)).containsExactly("payment.authorized", "payment.captured",
					"payment.succeeded"));
		assertThat(PlatformStubs.get().authorizationsFor(id)).hasSize(1);
		assertThat(PlatformStubs.get().authorizationsFor(id).get(0).hadCvc()).isTrue();
	}

	private static List<String> types(String paymentId) {
		return payments.events()
			.stream()
			.filter(e -> e.data().path("payment").path("id").asString("").equals(paymentId))
			.map(CloudEvent::type)
			.toList();
	}

	@Test
	void manualPaymentCapturesPartiallyOnceThenRefundsUpToTheCapturedAmount() {
		String id = this.api.pay(this.user, PaymentApi.payment(5000, "EUR", this.merchant, this.card, "manual"))
			.text("id");
		ApiClient merchantApi = this.api.merchant(this.merchant);
		assertThat(merchantApi.get("/v1/payments/" + id).text("status")).isEqualTo("requires_capture");

		ApiClient.Response tooMuch = merchantApi.post("/v1/payments/" + id + "/capture", Map.of("amount", 5001),
				PaymentApi.key());
		assertThat(tooMuch.status()).isEqualTo(400);
		assertThat(tooMuch.text("code")).isEqualTo("amount_too_large");

		ApiClient.Response captured = merchantApi.post("/v1/payments/" + id + "/capture", Map.of("amount", 3000),
				PaymentApi.key());
		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		assertThat(captured.text("status")).isEqualTo("succeeded");
		assertThat(captured.json().get("amount_received").asLong()).isEqualTo(3000);

		ApiClient.Response again = merchantApi.post("/v1/payments/" + id + "/capture", Map.of("amount", 1000),
				PaymentApi.key());
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("code")).isEqualTo("payment_state_conflict");

		ApiClient.Response partial = merchantApi.post("/v1/refunds", Map.of("payment", id, "amount", 1000),
				PaymentApi.key());
		assertThat(partial.status()).as(partial.body()).isEqualTo(201);
		assertThat(partial.text("id")).startsWith("re_");
		assertThat(partial.text("status")).isEqualTo("succeeded");
		assertThat(merchantApi.get("/v1/payments/" + id).text("status")).isEqualTo("partially_refunded");

		ApiClient.Response above = merchantApi.post("/v1/refunds", Map.of("payment", id, "amount", 2001),
				PaymentApi.key());
		assertThat(above.status()).isEqualTo(400);
		assertThat(above.text("code")).isEqualTo("amount_too_large");

		ApiClient.Response rest = merchantApi.post("/v1/refunds", Map.of("payment", id), PaymentApi.key());
		assertThat(rest.json().get("amount").asLong()).isEqualTo(2000);
		ApiClient.Response payment = merchantApi.get("/v1/payments/" + id);
		assertThat(payment.text("status")).isEqualTo("refunded");
		assertThat(payment.json().get("amount_refunded").asLong()).isEqualTo(3000);
		assertThat(merchantApi.get("/v1/refunds/" + partial.text("id")).text("status")).isEqualTo("succeeded");
		assertThat(this.api.merchant(PaymentApi.newMerchant()).get("/v1/refunds/" + partial.text("id")).status())
			.isEqualTo(404);

		ApiClient.Response nothingLeft = merchantApi.post("/v1/refunds", Map.of("payment", id), PaymentApi.key());
		assertThat(nothingLeft.status()).isEqualTo(409);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(types(id)).containsExactly("payment.authorized", "payment.captured",
					"payment.succeeded", "refund.succeeded", "refund.succeeded"));
	}

	@Test
	@Tag("security")
	void cancelsBeforeCaptureButNotAfterAndOnlyForTheMerchant() {
		String id = this.api.pay(this.user, PaymentApi.payment(800, "USD", this.merchant, this.card, "manual"))
			.text("id");
		ApiClient.Response byUser = this.api.user(this.user)
			.post("/v1/payments/" + id + "/cancel", null, PaymentApi.key());
		assertThat(byUser.status()).as("the contract reserves cancel for the merchant").isEqualTo(404);
		assertThat(PlatformStubs.get().authorizationsFor(id).get(0).status().get()).isNotEqualTo("voided");

		ApiClient.Response canceled = this.api.merchant(this.merchant)
			.post("/v1/payments/" + id + "/cancel", null, PaymentApi.key());
		assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
		assertThat(canceled.text("status")).isEqualTo("canceled");
		assertThat(PlatformStubs.get().authorizationsFor(id).get(0).status().get()).isEqualTo("voided");

		String captured = this.api.pay(this.user, PaymentApi.payment(800, "USD", this.merchant, this.card, "automatic"))
			.text("id");
		ApiClient.Response late = this.api.merchant(this.merchant)
			.post("/v1/payments/" + captured + "/cancel", null, PaymentApi.key());
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.text("code")).isEqualTo("payment_state_conflict");
	}

	@Test
	void declinedCardFailsThePaymentWith402() {
		String declined = this.api.paymentMethod(this.user, "4000000000009995");
		ApiClient.Response response = this.api.pay(this.user,
				PaymentApi.payment(1500, "USD", this.merchant, declined, "automatic"));
		assertThat(response.status()).isEqualTo(402);
		assertThat(response.text("code")).isEqualTo("card_declined");
		assertThat(response.text("decline_code")).isEqualTo("insufficient_funds");
		String id = response.text("payment");
		ApiClient.Response payment = this.api.user(this.user).get("/v1/payments/" + id);
		assertThat(payment.text("status")).isEqualTo("failed");
		assertThat(payment.text("failure_code")).isEqualTo("insufficient_funds");
	}

	@Test
	void fraudDeclineFailsWithoutTouchingTheAcquirer() {
		ApiClient.Response response = this.api.pay(this.user,
				PaymentApi.payment(6666, "USD", this.merchant, this.card, "automatic"));
		assertThat(response.status()).isEqualTo(402);
		assertThat(response.text("code")).isEqualTo("fraud_declined");
		assertThat(PlatformStubs.get().authorizationsFor(response.text("payment"))).isEmpty();
	}

	@Test
	void fraudReviewAsksForStepUpAndConfirmAuthorizes() {
		ApiClient.Response response = this.api.pay(this.user,
				PaymentApi.payment(7777, "USD", this.merchant, this.card, "automatic"));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.text("status")).isEqualTo("requires_action");
		assertThat(response.json().get("next_action").get("type").asString()).isEqualTo("mfa_challenge");
		String id = response.text("id");

		ApiClient.Response wrong = this.api.user(this.user)
			.post("/v1/payments/" + id + "/confirm", Map.of("mfa_code", "000000"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.text("code")).isEqualTo("mfa_code_invalid");
		assertThat(this.api.user(PaymentApi.newUser())
			.post("/v1/payments/" + id + "/confirm", Map.of("mfa_code", "123456"))
			.status()).isEqualTo(404);

		ApiClient.Response confirmed = this.api.user(this.user)
			.post("/v1/payments/" + id + "/confirm", Map.of("mfa_code", "123456"));
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.text("status")).isEqualTo("succeeded");
		assertThat(
				this.api.user(this.user).post("/v1/payments/" + id + "/confirm", Map.of("mfa_code", "123456")).status())
			.isEqualTo(409);
	}

	@Test
	void reviewForAUserWithoutSecondFactorFails() {
		String noMfa = "usr_nomfa" + PaymentApi.newUser().substring(4, 14);
		String pm = this.api.paymentMethod(noMfa, PaymentApi.VISA);
		ApiClient.Response response = this.api.pay(noMfa, PaymentApi.payment(7777, "USD", this.merchant, pm, "manual"));
		assertThat(response.status()).isEqualTo(402);
		assertThat(response.text("code")).isEqualTo("authentication_required");
	}

	@Test
	void fraudServiceDownAppliesTheFallbackPolicy() {
		PlatformStubs.get().fraudDown(true);
		ApiClient.Response small = this.api.pay(this.user,
				PaymentApi.payment(1000, "USD", this.merchant, this.card, "automatic"));
		assertThat(small.status()).as(small.body()).isEqualTo(201);
		assertThat(small.json().get("risk").get("reasons").get(0).asString()).isEqualTo("fraud_service_unavailable");
		ApiClient.Response large = this.api.pay(this.user,
				PaymentApi.payment(90000, "USD", this.merchant, this.card, "automatic"));
		assertThat(large.status()).isEqualTo(402);
		assertThat(large.text("code")).isEqualTo("fraud_declined");
	}

	@Test
	void aBusyFraudServiceShedsThePaymentWithRetryAfterWritesNothingAndOpensNoBreaker() {
		PlatformStubs.get().fraudBusy(true);
		Map<String, String> key = PaymentApi.key();
		Map<String, Object> body = PaymentApi.payment(1000, "USD", this.merchant, this.card, "automatic");
		for (int i = 0; i < 25; i++) {
			ApiClient.Response shed = this.api.user(this.user).post("/v1/payments", body, key);
			assertThat(shed.status()).as(shed.body()).isEqualTo(503);
			assertThat(shed.text("code")).isEqualTo("fraud_screening_unavailable");
			assertThat(shed.header("Retry-After")).isEqualTo("1");
		}
		assertThat(this.api.user(this.user).get("/v1/payments").json().get("data").size()).isZero();
		assertThat(this.fraudScreen.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);

		PlatformStubs.get().fraudBusy(false);
		ApiClient.Response retried = this.api.user(this.user).post("/v1/payments", body, key);
		assertThat(retried.status()).as(retried.body()).isEqualTo(201);
		assertThat(retried.json().get("risk").get("decision").asString()).isEqualTo("approve");
		assertThat(retried.json().get("risk").get("reasons").size()).isZero();
	}

	@Test
	void onlyTheOwnersSeeAPayment() {
		String id = this.api.pay(this.user, PaymentApi.payment(1200, "JPY", this.merchant, this.card, "manual"))
			.text("id");
		assertThat(this.api.user(this.user).get("/v1/payments/" + id).json().get("amount").asLong()).isEqualTo(1200);
		assertThat(this.api.merchant(this.merchant).get("/v1/payments/" + id).status()).isEqualTo(200);
		assertThat(this.api.user(PaymentApi.newUser()).get("/v1/payments/" + id).status()).isEqualTo(404);
		String stranger = PaymentApi.newMerchant();
		assertThat(this.api.merchant(stranger).get("/v1/payments/" + id).status()).isEqualTo(404);
		assertThat(this.api.merchant(stranger).post("/v1/payments/" + id + "/capture", null, PaymentApi.key()).status())
			.isEqualTo(404);
		assertThat(this.api.user(this.user).post("/v1/payments/" + id + "/capture", null, PaymentApi.key()).status())
			.isEqualTo(404);
		assertThat(this.api.merchant(stranger).post("/v1/refunds", Map.of("payment", id), PaymentApi.key()).status())
			.isEqualTo(404);
		assertThat(this.api.user(PaymentApi.newUser()).get("/v1/payments/pay_doesnotexist").status()).isEqualTo(404);
	}

	@Test
	void listsPaymentsNewestFirstWithCursor() {
		String first = this.api.pay(this.user, PaymentApi.payment(100, "USD", this.merchant, this.card, "manual"))
			.text("id");
		String second = this.api.pay(this.user, PaymentApi.payment(200, "USD", this.merchant, this.card, "manual"))
			.text("id");
		ApiClient.Response page = this.api.user(this.user).get("/v1/payments?limit=1");
		assertThat(page.json().get("data").get(0).get("id").asString()).isEqualTo(second);
		assertThat(page.json().get("has_more").asBoolean()).isTrue();
		ApiClient.Response next = this.api.merchant(this.merchant).get("/v1/payments?limit=5&starting_after=" + second);
		assertThat(next.json().get("data")).hasSize(1);
		assertThat(next.json().get("data").get(0).get("id").asString()).isEqualTo(first);
		assertThat(this.api.user(this.user).get("/v1/payments?limit=0").status()).isEqualTo(400);
		assertThat(this.api.user(this.user).get("/v1/payments?limit=abc").status()).isEqualTo(400);
	}

	@Test
	void refusesBadInputWithProblems() {
		ApiClient user = this.api.user(this.user);
		assertProblem(this.api.pay(this.user, PaymentApi.payment(100, "XYZ", this.merchant, this.card, "automatic")),
				400, "invalid_currency");
		assertProblem(this.api.pay(this.user, PaymentApi.payment(100, "usd", this.merchant, this.card, "automatic")),
				400, "invalid_currency");
		assertProblem(this.api.pay(this.user, PaymentApi.payment(-5, "USD", this.merchant, this.card, "automatic")),
				400, "invalid_amount");
		assertProblem(this.api.pay(this.user, PaymentApi.payment(0, "USD", this.merchant, this.card, "automatic")), 400,
				"invalid_amount");
		assertProblem(
				user.post("/v1/payments",
						"{\"amount\": 10.5, \"currency\": \"USD\", \"merchant\": \"" + this.merchant
								+ "\", \"payment_method\": \"" + this.card + "\"}",
						PaymentApi.key()),
				400, "invalid_request");
		assertProblem(user.post("/v1/payments", "{\"amount\": \"ten\"}", PaymentApi.key()), 400, "invalid_request");
		assertProblem(user.post("/v1/payments", "{\"amount\": 10", PaymentApi.key()), 400, "malformed_json");
		assertProblem(this.api.pay(this.user, PaymentApi.payment(100, "USD", this.merchant, this.card, "sometimes")),
				400, "invalid_request");
		assertProblem(this.api.pay(this.user, PaymentApi.payment(50, "USD", "mer_limited", this.card, "automatic")),
				400, "amount_out_of_range");
		assertProblem(this.api.pay(this.user, PaymentApi.payment(100, "USD", "mer_unknown1", this.card, "automatic")),
				400, "merchant_unknown");
		assertProblem(this.api.pay(this.user, PaymentApi.payment(100, "USD", "mer_suspended1", this.card, "automatic")),
				400, "merchant_inactive");
		String othersCard = this.api.paymentMethod(PaymentApi.newUser(), PaymentApi.VISA);
		assertProblem(this.api.pay(this.user, PaymentApi.payment(100, "USD", this.merchant, othersCard, "automatic")),
				400, "payment_method_unavailable");
		assertProblem(user.post("/v1/payments", PaymentApi.payment(100, "USD", this.merchant, this.card, "automatic")),
				400, "idempotency_key_missing");
		assertProblem(this.api.merchant(this.merchant)
			.post("/v1/payments", PaymentApi.payment(100, "USD", this.merchant, this.card, "automatic"),
					PaymentApi.key()),
				403, "forbidden");
	}

	@Test
	void authServiceDownIsA503NotA500() {
		PlatformStubs.get().authDown(true);
		ApiClient.Response response = this.api.pay(this.user,
				PaymentApi.payment(100, "USD", PaymentApi.newMerchant(), this.card, "automatic"));
		assertProblem(response, 503, "auth_service_unavailable");
		assertThat(response.header("Retry-After")).isNotNull();
	}

	private static void assertProblem(ApiClient.Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text("code")).isEqualTo(code);
	}

}
