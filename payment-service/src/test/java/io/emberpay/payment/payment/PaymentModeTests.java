package io.emberpay.payment.payment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 2 of issue 21: the merchant's mode decides a payment's (live only for a
 * merchant approved for live), and a test key never reads or changes a live payment or
 * refund (404), nor a live key a test one.
 */
@PaymentServiceTest
@Tag("security")
class PaymentModeTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	PaymentApi api;

	String user;

	String card;

	@BeforeEach
	void setUp() {
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
		this.card = this.api.paymentMethod(this.user, PaymentApi.VISA);
	}

	private ApiClient merchant(String id, boolean livemode) {
		return this.api.anonymous()
			.withToken(TestTokens.get()
				.sign(id, List.of("merchant"), List.of("api_key"), livemode, Duration.ofMinutes(5)));
	}

	private String pay(String merchant, String captureMethod) {
		ApiClient.Response response = this.api.pay(this.user,
				PaymentApi.payment(2500, "USD", merchant, this.card, captureMethod));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.text("id");
	}

	@Test
	void aMerchantNotApprovedForLiveReceivesOnlyTestPayments() {
		String merchant = PaymentApi.newMerchant();
		String id = pay(merchant, "automatic");

		assertThat(this.jdbc.sql("select livemode from payment where id = ?").param(id).query(Boolean.class).single())
			.isFalse();
		assertThat(merchant(merchant, false).get("/v1/payments/" + id).status()).isEqualTo(200);
		assertThat(merchant(merchant, true).get("/v1/payments/" + id).status()).isEqualTo(404);
	}

	@Test
	void aLiveTokenCannotPayAMerchantNotApprovedForLive() {
		String merchant = PaymentApi.newMerchant();
		ApiClient liveUser = this.api.anonymous()
			.withToken(TestTokens.get().sign(this.user, List.of("user"), List.of("pwd"), true, Duration.ofMinutes(5)));

		ApiClient.Response response = liveUser.post("/v1/payments",
				PaymentApi.payment(2500, "USD", merchant, this.card, "automatic"), PaymentApi.key());

		assertThat(response.status()).isNotEqualTo(201);
		assertThat(response.text("code")).isEqualTo("merchant_inactive");
	}

	@Test
	void aTestKeyNeverReadsCapturesCancelsOrRefundsALivePayment() {
		String merchant = "mer_live" + PaymentApi.newMerchant().substring(4, 20);
		String manual = pay(merchant, "manual");
		String automatic = pay(merchant, "automatic");
		assertThat(
				this.jdbc.sql("select livemode from payment where id = ?").param(manual).query(Boolean.class).single())
			.isTrue();
		ApiClient test = merchant(merchant, false);
		ApiClient live = merchant(merchant, true);

		assertThat(test.get("/v1/payments/" + manual).status()).isEqualTo(404);
		assertThat(test.get("/v1/payments").body()).doesNotContain(manual).doesNotContain(automatic);
		assertThat(test.post("/v1/payments/" + manual + "/capture", Map.of(), PaymentApi.key()).status())
			.isEqualTo(404);
		assertThat(test.post("/v1/payments/" + manual + "/cancel", Map.of(), PaymentApi.key()).status()).isEqualTo(404);
		assertThat(test.post("/v1/refunds", Map.of("payment", automatic), PaymentApi.key()).status()).isEqualTo(404);
		assertThat(live.get("/v1/payments/" + manual).text("status")).isEqualTo("requires_capture");

		ApiClient.Response refund = live.post("/v1/refunds", Map.of("payment", automatic, "amount", 100),
				PaymentApi.key());
		assertThat(refund.status()).as(refund.body()).isIn(200, 201);
		assertThat(test.get("/v1/refunds/" + refund.text("id")).status()).isEqualTo(404);
		assertThat(live.get("/v1/refunds/" + refund.text("id")).status()).isEqualTo(200);
		assertThat(live.get("/v1/payments").body()).contains(manual, automatic);
	}

	@Test
	void theFraudScoreRequestCarriesThePaymentsModeSoAFraudAlertReachesThatModesEndpoints() {
		String live = pay("mer_live" + PaymentApi.newMerchant().substring(4, 20), "automatic");
		String test = pay(PaymentApi.newMerchant(), "automatic");

		assertThat(PlatformStubs.get().scoreRequestFor(live).path("livemode").asBoolean(false)).isTrue();
		assertThat(PlatformStubs.get().scoreRequestFor(test).has("livemode")).isTrue();
		assertThat(PlatformStubs.get().scoreRequestFor(test).path("livemode").asBoolean(true)).isFalse();
	}

}
