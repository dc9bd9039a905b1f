package io.emberpay.payment.offsession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

@PaymentServiceTest
class OffSessionChargeTests {

	@Value("${local.server.port}")
	int port;

	PaymentApi api;

	String user;

	String merchant;

	String card;

	@BeforeEach
	void setUp() {
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
		this.merchant = PaymentApi.newMerchant();
		this.card = this.api.paymentMethod(this.user, PaymentApi.VISA);
	}

	@Test
	void aMerchantChargesTheSavedCardOffSessionUnderTheUsersConsent() {
		ApiClient.Response consent = consent(this.merchant);

		ApiClient.Response payment = chargeAsMerchant(this.merchant, 999);

		assertThat(consent.status()).as(consent.body()).isEqualTo(201);
		assertThat(consent.text("id")).startsWith("seti_");
		assertThat(consent.text("usage")).isEqualTo("off_session");
		assertThat(payment.status()).as(payment.body()).isEqualTo(201);
		assertThat(payment.text("status")).isEqualTo("succeeded");
		assertThat(payment.text("merchant")).isEqualTo(this.merchant);
		assertThat(payment.text("user")).isEqualTo(this.user);
		assertThat(PlatformStubs.get().authorizationsFor(payment.text("id"))).hasSize(1);
		// screened as off-session, in the payment's (test) mode
		assertThat(PlatformStubs.get().scoreRequestFor(payment.text("id")).path("off_session").asBoolean()).isTrue();
		assertThat(PlatformStubs.get().scoreRequestFor(payment.text("id")).path("livemode").asBoolean(true)).isFalse();
	}

	@Test
	void withoutALiveConsentTheChargeIsForbidden() {
		ApiClient.Response none = chargeAsMerchant(this.merchant, 999);
		consent(PaymentApi.newMerchant());
		ApiClient.Response anotherMerchantsConsent = chargeAsMerchant(this.merchant, 999);
		String seti = consent(this.merchant).text("id");
		ApiClient.Response withdrawn = this.api.user(this.user)
			.post("/v1/setup_intents/" + seti + "/cancel", Map.of(), PaymentApi.key());
		ApiClient.Response afterWithdrawal = chargeAsMerchant(this.merchant, 999);

		assertThat(none.status()).isEqualTo(403);
		assertThat(none.text("code")).isEqualTo("off_session_consent_missing");
		assertThat(anotherMerchantsConsent.status()).isEqualTo(403);
		assertThat(withdrawn.text("status")).isEqualTo("canceled");
		assertThat(afterWithdrawal.status()).isEqualTo(403);
	}

	@Test
	void aConsentNeedsTheUsersOwnPaymentMethod() {
		String strangersCard = this.api.paymentMethod(PaymentApi.newUser(), PaymentApi.VISA);

		ApiClient.Response response = this.api.user(this.user)
			.post("/v1/setup_intents",
					Map.of("merchant", this.merchant, "payment_method", strangersCard, "usage", "off_session"),
					PaymentApi.key());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("payment_method");
	}

	@Test
	void anOffSessionChargeThatWouldNeedTheUserFailsWithAuthenticationRequired() {
		consent(this.merchant);

		// the fraud stub reviews 7777: on-session that is a step-up, off-session nobody
		// can pass one
		ApiClient.Response payment = chargeAsMerchant(this.merchant, 7777);

		assertThat(payment.status()).isEqualTo(402);
		assertThat(payment.text("code")).isEqualTo("authentication_required");
	}

	@Test
	void anOffSessionChargeTheIssuerWantsAuthenticatedFailsWithAuthenticationRequired() {
		this.card = this.api.paymentMethod(this.user, "4000002760003184");
		consent(this.merchant);

		ApiClient.Response payment = chargeAsMerchant(this.merchant, 999);

		assertThat(payment.status()).as(payment.body()).isEqualTo(402);
		assertThat(payment.text("code")).isEqualTo("authentication_required");
		assertThat(this.api.merchant(this.merchant).get("/v1/payments/" + payment.text("payment")).text("status"))
			.isEqualTo("failed");
	}

	@Test
	void aUserCannotPayOffSession() {
		Map<String, Object> body = PaymentApi.payment(999, "USD", this.merchant, this.card, "automatic");
		body.put("off_session", true);

		ApiClient.Response response = this.api.pay(this.user, body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo("off_session");
	}

	@Test
	void theInternalChargeIsIdempotentByKeyAndChargesOnce() {
		consent(this.merchant);
		String key = "in_" + UUID.randomUUID() + "-attempt-1";

		ApiClient.Response first = internalCharge(key, 1299);
		ApiClient.Response again = internalCharge(key, 1299);
		ApiClient.Response otherBody = internalCharge(key, 1300);

		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(first.text("status")).isEqualTo("succeeded");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.text("id")).isEqualTo(first.text("id"));
		assertThat(PlatformStubs.get().authorizationsFor(first.text("id"))).hasSize(1);
		assertThat(first.json().path("metadata").path("invoice").asString()).isEqualTo("in_1");
		assertThat(otherBody.status()).isEqualTo(422);
	}

	@Test
	void theInternalChargeWithoutConsentIsForbidden() {
		ApiClient.Response response = internalCharge("in_" + UUID.randomUUID() + "-attempt-1", 1299);

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.text("code")).isEqualTo("off_session_consent_missing");
	}

	private ApiClient.Response consent(String merchant) {
		return this.api.user(this.user)
			.post("/v1/setup_intents",
					Map.of("merchant", merchant, "payment_method", this.card, "usage", "off_session"),
					PaymentApi.key());
	}

	private ApiClient.Response chargeAsMerchant(String merchant, long amount) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("customer", this.user);
		body.put("payment_method", this.card);
		body.put("amount", amount);
		body.put("currency", "USD");
		body.put("off_session", true);
		return this.api.merchant(merchant).post("/v1/payments", body, PaymentApi.key());
	}

	private ApiClient.Response internalCharge(String key, long amount) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("merchant", this.merchant);
		body.put("customer", this.user);
		body.put("payment_method", this.card);
		body.put("amount", amount);
		body.put("currency", "USD");
		body.put("idempotency_key", key);
		body.put("metadata", Map.of("invoice", "in_1", "invoice_attempt", "1"));
		body.put("livemode", false);
		return this.api.anonymous()
			.withToken(TestTokens.get().service("subscription-service", "payment-service"))
			.post("/internal/v1/off_session_payments", body);
	}

}
