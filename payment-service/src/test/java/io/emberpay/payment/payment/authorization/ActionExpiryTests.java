package io.emberpay.payment.payment.authorization;

import java.util.Map;

import io.emberpay.payment.psp.PspRouter;
import io.emberpay.payment.psp.stripe.FakeStripe;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A payment its customer abandoned at 3-D Secure is canceled after the configured time,
 * its authorization voided at the acquirer; one whose customer just passed lands its
 * result instead; one still within its time is left alone.
 */
@PaymentServiceTest
class ActionExpiryTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	ActionExpiry expiry;

	@Autowired
	PspRouter router;

	@Autowired
	JdbcClient jdbc;

	PaymentApi api;

	String user;

	@BeforeEach
	void setUp() {
		this.router.channels().forEach(channel -> channel.breaker().reset());
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
	}

	private ApiClient.Response waitingOn3ds(String merchant, String currency) {
		String card = this.api.paymentMethod(this.user, "4000002760003184");
		Map<String, Object> body = PaymentApi.payment(2200, currency, merchant, card, "automatic");
		body.put("return_url", "https://shop.example/return");
		ApiClient.Response created = this.api.pay(this.user, body);
		assertThat(created.text("status")).as(created.body()).isEqualTo("requires_action");
		return created;
	}

	/** As if the customer had left this long ago. */
	private void waitedHours(String paymentId, int hours) {
		this.jdbc.sql("update payment set updated_at = now() - cast(? as interval) where id = ?")
			.params(hours + " hours", paymentId)
			.update();
	}

	private ApiClient.Response payment(String id) {
		return this.api.user(this.user).get("/v1/payments/" + id);
	}

	@Test
	void aPaymentAbandonedAt3dsIsCanceledAndItsAuthorizationVoided() {
		ApiClient.Response created = waitingOn3ds(PaymentApi.newMerchant(), "EUR");
		waitedHours(created.text("id"), 2);

		this.expiry.expireBatch();

		assertThat(payment(created.text("id")).text("status")).isEqualTo("canceled");
		assertThat(PlatformStubs.get().authorizationsFor(created.text("id")))
			.allSatisfy(authorization -> assertThat(authorization.status().get()).isEqualTo("voided"))
			.isNotEmpty();
	}

	@Test
	void aPaymentWaitingLessThanTheConfiguredTimeIsLeftAlone() {
		ApiClient.Response created = waitingOn3ds(PaymentApi.newMerchant(), "EUR");
		this.jdbc.sql("update payment set updated_at = now() - interval '59 minutes' where id = ?")
			.param(created.text("id"))
			.update();

		this.expiry.expireBatch();

		assertThat(payment(created.text("id")).text("status")).isEqualTo("requires_action");
		assertThat(PlatformStubs.get().authorizationsFor(created.text("id")).get(0).status().get())
			.isEqualTo("requires_action");
	}

	@Test
	void aStripePaymentAbandonedAt3dsIsCanceledAtStripeSoItCannotSucceedLater() {
		ApiClient.Response created = waitingOn3ds("mer_on_stripe", "USD");
		waitedHours(created.text("id"), 2);

		this.expiry.expireBatch();

		assertThat(payment(created.text("id")).text("status")).isEqualTo("canceled");
		assertThat(FakeStripe.get().paymentIntentOf(created.text("id")).path("status").asString())
			.isEqualTo("canceled");
	}

	@Test
	void aChallengePassedJustBeforeExpiryLandsInsteadOfBeingCanceled() {
		ApiClient.Response created = waitingOn3ds("mer_on_stripe", "USD");
		FakeStripe.get()
			.completeChallenge(FakeStripe.get().paymentIntentOf(created.text("id")).path("id").asString(), true);
		waitedHours(created.text("id"), 2);

		this.expiry.expireBatch();

		assertThat(payment(created.text("id")).text("status")).isEqualTo("succeeded");
		assertThat(FakeStripe.get().paymentIntentOf(created.text("id")).path("status").asString())
			.isEqualTo("succeeded");
	}

}
