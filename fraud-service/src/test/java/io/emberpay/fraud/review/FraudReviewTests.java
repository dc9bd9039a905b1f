package io.emberpay.fraud.review;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.fraud.FraudIntegrationTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FraudReviewTests extends FraudIntegrationTest {

	@Test
	void paymentSentToReviewWaitsInTheQueueUntilAnOperatorApprovesItOnceWithAnAuditedNote() {
		String payment = paymentInReview();
		ApiClient admin = operator();
		assertThat(queued(admin)).contains(payment);
		JsonNode waiting = admin.get("/v1/fraud/reviews/" + payment).json();
		assertThat(waiting.get("status").asText()).isEqualTo("pending");
		assertThat(waiting.get("score").asInt()).isGreaterThanOrEqualTo(10);

		ApiClient.Response approved = admin.post("/v1/fraud/reviews/" + payment + "/approve",
				Map.of("note", "  Known customer, called them back.  "));
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		assertThat(approved.text("status")).isEqualTo("approved");
		assertThat(approved.text("note")).isEqualTo("Known customer, called them back.");
		assertThat(queued(admin)).doesNotContain(payment);
		assertThat(this.jdbc.sql("select detail from operator_audit where action = 'review.approve' and target = ?")
			.param(payment)
			.query(String.class)
			.single()).isEqualTo("Known customer, called them back.");

		ApiClient.Response again = admin.post("/v1/fraud/reviews/" + payment + "/decline", Map.of("note", "changed"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(admin.get("/v1/fraud/reviews/" + payment).json().get("status").asText()).isEqualTo("approved");
	}

	@Test
	void aVerdictIsPublishedOnceForPaymentServiceWithoutTheOperatorsNote() {
		String approvedPayment = paymentInReview();
		String declinedPayment = paymentInReview();
		ApiClient admin = operator();
		try (TopicReader fraudEvents = new TopicReader(Topics.FRAUD)) {
			assertThat(admin
				.post("/v1/fraud/reviews/" + approvedPayment + "/approve", Map.of("note", "Called Mrs Example back"))
				.status()).isEqualTo(200);
			assertThat(admin.post("/v1/fraud/reviews/" + declinedPayment + "/decline", Map.of("note", "stolen card"))
				.status()).isEqualTo(200);
			assertThat(
					admin.post("/v1/fraud/reviews/" + approvedPayment + "/decline", Map.of("note", "second")).status())
				.isEqualTo(409);

			await().atMost(patience()).untilAsserted(() -> {
				assertThat(fraudEvents.events("fraud.review_decided"))
					.filteredOn(event -> event.subject().equals(approvedPayment))
					.singleElement()
					.satisfies(event -> {
						assertThat(event.data().get("verdict").asString()).isEqualTo("approve");
						assertThat(event.data().get("merchant").asString()).startsWith("mer_");
						assertThat(event.data().get("operator").asString()).startsWith("usr_");
					});
				assertThat(fraudEvents.events("fraud.review_decided"))
					.filteredOn(event -> event.subject().equals(declinedPayment))
					.singleElement()
					.satisfies(event -> assertThat(event.data().get("verdict").asString()).isEqualTo("decline"));
			});
			assertThat(fraudEvents.raw()).noneMatch(raw -> raw.contains("Mrs Example"));
		}
	}

	@Test
	void twoOperatorsDecidingAtOnceGiveOneVerdict() throws Exception {
		String payment = paymentInReview();
		try (ExecutorService operators = Executors.newFixedThreadPool(2)) {
			Future<Integer> approve = operators
				.submit(() -> operator().post("/v1/fraud/reviews/" + payment + "/approve", Map.of("note", "looks fine"))
					.status());
			Future<Integer> decline = operators.submit(
					() -> operator().post("/v1/fraud/reviews/" + payment + "/decline", Map.of("note", "looks stolen"))
						.status());
			assertThat(List.of(approve.get(30, TimeUnit.SECONDS), decline.get(30, TimeUnit.SECONDS)))
				.containsExactlyInAnyOrder(200, 409);
		}
		assertThat(this.jdbc.sql("select count(*) from operator_audit where target = ?")
			.param(payment)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void verdictNeedsANoteAPaymentInReviewAndAnOperatorWithASecondFactor() {
		String payment = paymentInReview();
		ApiClient admin = operator();
		ApiClient.Response noNote = admin.post("/v1/fraud/reviews/" + payment + "/decline", Map.of("note", " "));
		assertThat(noNote.status()).isEqualTo(400);
		assertThat(noNote.text("param")).isEqualTo("note");
		assertThat(admin.post("/v1/fraud/reviews/" + payment + "/shrug", Map.of("note", "x")).status()).isEqualTo(404);
		assertThat(
				admin.post("/v1/fraud/reviews/" + ResourceIds.next("pay") + "/approve", Map.of("note", "x")).status())
			.isEqualTo(404);
		assertThat(admin.get("/v1/fraud/reviews?limit=0").status()).isEqualTo(400);

		ApiClient passwordOnly = api().withToken(TestTokens.get()
			.sign(ResourceIds.next("usr"), List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5)));
		ApiClient.Response withoutOtp = passwordOnly.post("/v1/fraud/reviews/" + payment + "/approve",
				Map.of("note", "x"));
		assertThat(withoutOtp.status()).isEqualTo(403);
		assertThat(withoutOtp.text("code")).isEqualTo("mfa_required");
		ApiClient merchant = api().withToken(TestTokens.get().merchant(ResourceIds.next("mer")));
		assertThat(merchant.get("/v1/fraud/reviews").status()).isEqualTo(403);
		assertThat(admin.get("/v1/fraud/reviews/" + payment).json().get("status").asText()).isEqualTo("pending");
		assertThat(this.jdbc.sql("select count(*) from operator_audit where target = ?")
			.param(payment)
			.query(Long.class)
			.single()).isZero();
	}

	/** A payer's second payment under thresholds low enough to send it to review. */
	private String paymentInReview() {
		Map<String, Object> first = normalRequest();
		// an address of its own: payments from one shared address would raise its
		// velocity for the other test classes that use it
		first.put("ip", "198.51.100." + ThreadLocalRandom.current().nextInt(100, 250));
		String merchant = (String) first.get("merchant");
		assertThat(operator()
			.send("PUT", "/v1/fraud/merchants/" + merchant + "/thresholds", Map.of("review_at", 10, "decline_at", 95),
					Map.of())
			.status()).isEqualTo(200);
		score(first);
		Map<String, Object> second = nextPayment(first);
		assertThat(score(second).text("decision")).isEqualTo("review");
		return (String) second.get("payment");
	}

	private static List<String> queued(ApiClient admin) {
		ApiClient.Response page = admin.get("/v1/fraud/reviews?limit=100");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return page.json().get("data").valueStream().map(review -> review.get("payment").asText()).toList();
	}

}
