package io.emberpay.payment.payment.authorization;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.fraud.FraudEvent;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import io.emberpay.testkit.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's verdict on a payment in review ({@code fraud.review_decided} from
 * fraud-service) decides a payment still waiting: approved it goes on to the acquirer,
 * declined it fails as a fraud decline with nothing sent; a verdict on a payment that
 * already went on, or that waited past the review period and was canceled, changes
 * nothing, and the same event twice acts once.
 */
@PaymentServiceTest
class ReviewVerdictTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static TopicReader paymentEvents;

	private static TopicWriter fraudEvents;

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

	String merchant;

	String card;

	@BeforeAll
	static void openTopics() {
		paymentEvents = new TopicReader(Topics.PAYMENTS);
		fraudEvents = new TopicWriter();
	}

	@AfterAll
	static void closeTopics() {
		paymentEvents.close();
		fraudEvents.close();
	}

	@BeforeEach
	void setUp() {
		this.router.channels().forEach(channel -> channel.breaker().reset());
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
		this.merchant = PaymentApi.newMerchant();
		this.card = this.api.paymentMethod(this.user, PaymentApi.VISA);
	}

	/**
	 * The fraud stub sends 7777 to review: the payment waits for a step-up or verdict.
	 */
	private String paymentInReview(String captureMethod) {
		ApiClient.Response created = this.api.pay(this.user,
				PaymentApi.payment(7777, "USD", this.merchant, this.card, captureMethod));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("status")).isEqualTo("requires_action");
		return created.text("id");
	}

	private FraudEvent.ReviewDecided verdict(String payment, String verdict) {
		return new FraudEvent.ReviewDecided(ResourceIds.event(), Instant.now(), payment, this.merchant, verdict,
				ResourceIds.next("usr"));
	}

	private ApiClient.Response payment(String id) {
		return this.api.user(this.user).get("/v1/payments/" + id);
	}

	private void awaitStatus(String id, String status) {
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(payment(id).text("status")).isEqualTo(status));
	}

	private static List<String> eventTypesOf(String payment) {
		return paymentEvents.events()
			.stream()
			.filter(event -> payment.equals(event.subject()))
			.map(event -> event.type())
			.toList();
	}

	@Test
	void anApprovedAutomaticPaymentGoesToTheAcquirerAndSucceedsOnceForARepeatedVerdict() {
		String id = paymentInReview("automatic");
		FraudEvent.ReviewDecided approved = verdict(id, "approve");

		fraudEvents.publish(Topics.FRAUD, approved);
		fraudEvents.publish(Topics.FRAUD, approved);
		fraudEvents.publish(Topics.FRAUD, verdict(id, "approve"));

		awaitStatus(id, "succeeded");
		assertThat(payment(id).json().get("amount_received").asLong()).isEqualTo(7777);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(eventTypesOf(id)).containsSubsequence("payment.requires_action",
					"payment.authorized", "payment.captured", "payment.succeeded"));
		assertThat(PlatformStubs.get().authorizationsFor(id)).hasSize(1);
		assertThat(eventTypesOf(id)).containsOnlyOnce("payment.succeeded");
	}

	@Test
	void anApprovedManualPaymentIsAuthorizedAndWaitsForCapture() {
		String id = paymentInReview("manual");

		fraudEvents.publish(Topics.FRAUD, verdict(id, "approve"));

		awaitStatus(id, "requires_capture");
		assertThat(payment(id).json().get("amount_capturable").asLong()).isEqualTo(7777);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventTypesOf(id)).contains("payment.authorized"));
	}

	@Test
	void aDeclinedPaymentFailsAsAFraudDeclineWithNothingSentToTheAcquirer() {
		String id = paymentInReview("automatic");

		fraudEvents.publish(Topics.FRAUD, verdict(id, "decline"));

		awaitStatus(id, "failed");
		assertThat(payment(id).text("failure_code")).isEqualTo("fraud_declined");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventTypesOf(id)).contains("payment.failed"));
		assertThat(PlatformStubs.get().authorizationsFor(id)).isEmpty();
		// the customer's step-up comes too late
		assertThat(
				this.api.user(this.user).post("/v1/payments/" + id + "/confirm", Map.of("mfa_code", "123456")).status())
			.isEqualTo(409);
	}

	@Test
	void aVerdictOnAPaymentWhoseCustomerPassedTheStepUpFirstChangesNothing() {
		String id = paymentInReview("automatic");
		ApiClient.Response confirmed = this.api.user(this.user)
			.post("/v1/payments/" + id + "/confirm", Map.of("mfa_code", "123456"));
		assertThat(confirmed.text("status")).as(confirmed.body()).isEqualTo("succeeded");

		awaitHandled(fraudEvents.publish(Topics.FRAUD, verdict(id, "decline")).id());

		assertThat(payment(id).text("status")).isEqualTo("succeeded");
		assertThat(PlatformStubs.get().authorizationsFor(id)).hasSize(1);
	}

	@Test
	void aReviewLeftUndecidedPastTheReviewPeriodIsCanceledAndALateVerdictChangesNothing() {
		String id = paymentInReview("automatic");
		waited(id, Duration.ofHours(2));
		this.expiry.expireBatch();
		// past the 3-D Secure ttl (1h) but within the review period (24h)
		assertThat(payment(id).text("status")).isEqualTo("requires_action");

		waited(id, Duration.ofHours(25));
		this.expiry.expireBatch();
		assertThat(payment(id).text("status")).isEqualTo("canceled");

		awaitHandled(fraudEvents.publish(Topics.FRAUD, verdict(id, "approve")).id());
		assertThat(payment(id).text("status")).isEqualTo("canceled");
		assertThat(PlatformStubs.get().authorizationsFor(id)).isEmpty();
	}

	@Test
	void aVerdictOnAnUnknownPaymentOrOfAnUnknownKindIsPassedOver() {
		String id = paymentInReview("automatic");

		awaitHandled(fraudEvents.publish(Topics.FRAUD, verdict(ResourceIds.next("pay"), "approve")).id());
		awaitHandled(fraudEvents.publish(Topics.FRAUD, verdict(id, "escalate")).id());

		assertThat(payment(id).text("status")).isEqualTo("requires_action");
	}

	/** Waits until payment-service's inbox has taken the event. */
	private void awaitHandled(String eventId) {
		await().atMost(PATIENCE)
			.until(() -> this.jdbc.sql("select count(*) from inbox_event where consumer = ? and event_id = ?")
				.params("payment-service.reviews", eventId)
				.query(Long.class)
				.single() == 1);
	}

	/** As if the payment had begun waiting this long ago. */
	private void waited(String paymentId, Duration duration) {
		this.jdbc.sql("update payment set updated_at = now() - cast(? as interval) where id = ?")
			.params(duration.toMinutes() + " minutes", paymentId)
			.update();
	}

}
