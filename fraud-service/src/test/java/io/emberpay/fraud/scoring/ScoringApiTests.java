package io.emberpay.fraud.scoring;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.emberpay.events.Topics;
import io.emberpay.fraud.FraudIntegrationTest;
import io.emberpay.events.ResourceIds;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScoringApiTests extends FraudIntegrationTest {

	@Autowired
	DataSource dataSource;

	@Test
	void approvesNormalPaymentWithoutReasons() {
		ApiClient.Response response = score(normalRequest());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("score").asInt()).isZero();
		assertThat(response.text("decision")).isEqualTo("approve");
		assertThat(response.json().get("reasons").isEmpty()).isTrue();
		assertThat(response.json().get("fallback").asBoolean()).isFalse();
	}

	@Test
	void scoresAnOffSessionChargeByItsOwnSignals() {
		Map<String, Object> renewal = normalRequest();
		renewal.put("off_session", true);
		renewal.put("device_id", null);
		renewal.put("ip", null);
		Map<String, Object> presentDevice = nextPayment(renewal);
		presentDevice.put("off_session", true);
		presentDevice.put("device_id", "dev-claims-absent");

		ApiClient.Response quiet = score(renewal);
		ApiClient.Response flagged = score(presentDevice);

		assertThat(quiet.status()).as(quiet.body()).isEqualTo(200);
		assertThat(quiet.text("decision")).isEqualTo("approve");
		assertThat(flagged.json().get("reasons").toString()).contains("off_session_device_present");
	}

	@Test
	void acceptsAnyPrintableDeviceIdAndMappedIpv4Address() {
		Map<String, Object> request = normalRequest();
		request.put("device_id", "Ana's iPhone 15 \u2013 " + request.get("payment"));
		request.put("ip", "::ffff:100.69.3.4");

		ApiClient.Response response = score(request);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("decision")).isEqualTo("approve");
	}

	@Test
	void declinesBurstOfTenPaymentsOnOneCardWithinAMinuteAndRaisesAlert() {
		Map<String, Object> first = normalRequest();
		List<ApiClient.Response> responses = new ArrayList<>();
		List<String> payments = new ArrayList<>();
		Map<String, Object> request = first;
		try (TopicReader alerts = new TopicReader(Topics.FRAUD)) {
			for (int i = 0; i < 10; i++) {
				// a card tester spreads the burst over fresh accounts and phones
				request = nextPayment(request);
				request.put("user", ResourceIds.next("usr"));
				request.put("device_id", "dev-burst-" + i + "-" + first.get("card_fingerprint"));
				payments.add((String) request.get("payment"));
				responses.add(score(request));
			}
			assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
			assertThat(responses.get(0).text("decision")).isEqualTo("approve");
			ApiClient.Response last = responses.get(9);
			assertThat(last.text("decision")).isEqualTo("decline");
			assertThat(last.json().get("score").asInt()).isGreaterThanOrEqualTo(75);
			assertThat(last.json().get("reasons").toString()).contains("velocity_card_1m: 10 > 5");

			String declined = payments.get(9);
			await().atMost(patience())
				.untilAsserted(() -> assertThat(alerts.events("fraud.alert")).anySatisfy(alert -> {
					assertThat(alert.subject()).isEqualTo(declined);
					assertThat(alert.data().get("decision").asString()).isEqualTo("decline");
					assertThat(alert.data().get("reasons").toString()).contains("velocity_card_1m");
				}));
			assertThat(alerts.events("fraud.alert"))
				.noneSatisfy(alert -> assertThat(alert.subject()).isEqualTo(payments.get(0)));
		}
	}

	/**
	 * notification-service routes a webhook by its object's mode: the alert carries the
	 * mode payment-service stated, and a request stating none is a test one.
	 */
	@Test
	void aFraudAlertCarriesTheModeOfItsScoreRequestAndTestWhenNoneWasStated() {
		try (TopicReader alerts = new TopicReader(Topics.FRAUD)) {
			String live = burstDeclined(Map.of("livemode", true));
			String unstated = burstDeclined(Map.of());
			String test = burstDeclined(Map.of("livemode", false));

			await().atMost(patience()).untilAsserted(() -> {
				assertThat(alerts.events("fraud.alert")).anySatisfy(alert -> {
					assertThat(alert.subject()).isEqualTo(live);
					assertThat(alert.data().get("livemode").asBoolean()).isTrue();
				});
				assertThat(alerts.events("fraud.alert")).anySatisfy(alert -> {
					assertThat(alert.subject()).isEqualTo(unstated);
					assertThat(alert.data().get("livemode").isBoolean()).isTrue();
					assertThat(alert.data().get("livemode").asBoolean()).isFalse();
				});
				assertThat(alerts.events("fraud.alert")).anySatisfy(alert -> {
					assertThat(alert.subject()).isEqualTo(test);
					assertThat(alert.data().get("livemode").asBoolean()).isFalse();
				});
			});
		}
	}

	/** Fires ten payments on one card within a minute; returns the declined last one. */
	private String burstDeclined(Map<String, Object> extra) {
		Map<String, Object> first = normalRequest();
		first.putAll(extra);
		Map<String, Object> request = first;
		ApiClient.Response last = null;
		for (int i = 0; i < 10; i++) {
			request = nextPayment(request);
			request.put("user", ResourceIds.next("usr"));
			request.put("device_id", "dev-burst-" + i + "-" + first.get("card_fingerprint"));
			last = score(request);
		}
		assertThat(last.text("decision")).as(last.body()).isEqualTo("decline");
		return (String) request.get("payment");
	}

	@Test
	void declinesBurstOfTenFiredInParallelOnOneCard() throws Exception {
		Map<String, Object> first = normalRequest();
		List<Map<String, Object>> requests = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Map<String, Object> request = nextPayment(first);
			request.put("user", ResourceIds.next("usr"));
			requests.add(request);
		}
		List<ApiClient.Response> responses;
		try (var pool = Executors.newFixedThreadPool(10)) {
			var futures = requests.stream().map(r -> pool.submit(() -> score(r))).toList();
			responses = new ArrayList<>();
			for (var future : futures) {
				responses.add(future.get());
			}
		}

		// each attempt is recorded before its features are read, so the last reader sees
		// all ten
		assertThat(responses).allSatisfy(r -> assertThat(r.json().get("fallback").asBoolean()).isFalse());
		assertThat(responses).anySatisfy(r -> {
			assertThat(r.text("decision")).isEqualTo("decline");
			assertThat(r.json().get("reasons").toString()).contains("velocity_card_1m: 10 > 5");
		});
	}

	@Test
	void merchantReadsWhyItsOwnPaymentWasScoredAndNobodyElseDoes() {
		Map<String, Object> request = normalRequest();
		request.put("ip", "198.51.100.9");
		score(request);
		String path = "/v1/fraud/scores/" + request.get("payment");
		String merchant = (String) request.get("merchant");
		ApiClient owner = api().withToken(TestTokens.get().merchant(merchant));

		await().atMost(patience()).untilAsserted(() -> {
			ApiClient.Response explained = owner.get(path);
			assertThat(explained.status()).isEqualTo(200);
			assertThat(explained.json().get("score").asInt()).isEqualTo(20);
			assertThat(explained.json().get("reasons").get(0).asString())
				.isEqualTo("ip_card_country_mismatch: GB != US");
		});
		assertThat(api().withToken(TestTokens.get().merchant(ResourceIds.next("mer"))).get(path).status())
			.isEqualTo(404);
		assertThat(api().withToken(TestTokens.get().user((String) request.get("user"))).get(path).status())
			.isEqualTo(403);
		assertThat(operator().get(path).text("decision")).isEqualTo("approve");
	}

	@Test
	void scoringTheSamePaymentAgainDoesNotCountItTwice() {
		Map<String, Object> request = normalRequest();
		for (int i = 0; i < 8; i++) {
			assertThat(score(request).text("decision")).isEqualTo("approve");
		}
		assertThat(this.jdbc.sql("select count(*) from payment_attempt where payment_id = ?")
			.param(request.get("payment"))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void answersServiceUnavailableWithRetryAfterWhenScoringMissesItsDeadline() throws Exception {
		try (Connection stall = this.dataSource.getConnection()) {
			stall.setAutoCommit(false);
			try (Statement lock = stall.createStatement()) {
				lock.execute("lock table payment_attempt in access exclusive mode");
			}
			long started = System.nanoTime();
			ApiClient.Response response = score(normalRequest());
			long elapsedMs = (System.nanoTime() - started) / 1_000_000;
			stall.rollback();

			// busy is not risky: no guessed "review" that would send the shopper to
			// step-up
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.header("Retry-After")).isEqualTo("1");
			assertThat(response.text("code")).isEqualTo("scoring_overloaded");
			assertThat(elapsedMs).isBetween(1_400L, 5_000L);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void rejectsBadInputWithProblem(String description, Consumer<Map<String, Object>> spoil, String code,
			String param) {
		Map<String, Object> request = normalRequest();
		spoil.accept(request);

		ApiClient.Response response = score(request);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text("code")).isEqualTo(code);
		if (param != null) {
			assertThat(response.text("param")).isEqualTo(param);
		}
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(bad("missing payment", r -> r.remove("payment"), "invalid_request", "payment"),
				bad("missing user", r -> r.remove("user"), "invalid_request", "user"),
				bad("missing merchant", r -> r.remove("merchant"), "invalid_request", "merchant"),
				bad("missing amount", r -> r.remove("amount"), "invalid_request", "amount"),
				bad("missing currency", r -> r.remove("currency"), "invalid_request", "currency"),
				bad("unknown currency", r -> r.put("currency", "ABC"), "invalid_currency", "currency"),
				bad("lower-case currency", r -> r.put("currency", "usd"), "invalid_currency", "currency"),
				bad("zero amount", r -> r.put("amount", 0), "invalid_amount", "amount"),
				bad("negative amount", r -> r.put("amount", -5), "invalid_amount", "amount"),
				bad("fractional amount", r -> r.put("amount", 19.99), "invalid_request", "amount"),
				bad("amount as text", r -> r.put("amount", "lots"), "invalid_request", "amount"),
				bad("absurd amount", r -> r.put("amount", Long.MAX_VALUE), "invalid_request", "amount"),
				bad("payment id of another kind", r -> r.put("payment", "usr_123"), "invalid_request", "payment"),
				bad("malformed user id", r -> r.put("user", "bob"), "invalid_request", "user"),
				bad("malformed merchant id", r -> r.put("merchant", "mer_<script>"), "invalid_request", "merchant"),
				bad("malformed ip", r -> r.put("ip", "300.1.2.3"), "invalid_request", "ip"),
				bad("host name as ip", r -> r.put("ip", "evil.example.com"), "invalid_request", "ip"),
				bad("device id with a control character", r -> r.put("device_id", "dev\u0000x"), "invalid_request",
						"device_id"),
				bad("malformed bin", r -> r.put("card_bin", "42x"), "invalid_request", "card_bin"),
				bad("malformed card country", r -> r.put("card_country", "usa"), "invalid_request", "card_country"),
				bad("malformed email", r -> r.put("email", "not-an-email"), "invalid_request", "email"),
				bad("malformed time", r -> r.put("occurred_at", "yesterday"), "invalid_request", "occurred_at"),
				bad("time in the future", r -> r.put("occurred_at", "2999-01-01T00:00:00Z"), "invalid_request",
						"occurred_at"),
				bad("unknown field", r -> r.put("card_number", "4242424242424242"), "invalid_request", "card_number"));
	}

	private static Arguments bad(String description, Consumer<Map<String, Object>> spoil, String code, String param) {
		return Arguments.of(description, spoil, code, param);
	}

	@Test
	void rejectsMalformedJsonWithProblem() {
		ApiClient.Response response = paymentService().post("/internal/v1/scores", "{\"payment\": ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("malformed_json");
	}

	@Test
	void exportsDecisionRuleAndLatencyMetrics() {
		score(normalRequest());
		Map<String, Object> mismatch = normalRequest();
		mismatch.put("ip", "198.51.100.5");
		score(mismatch);

		String metrics = api().get("/actuator/prometheus").body();

		assertThat(metrics).contains("fraud_decisions_total{").contains("decision=\"approve\"");
		assertThat(metrics).contains("fraud_scoring_latency_seconds_bucket");
		assertThat(metrics).contains("fraud_rule_hits_total{").contains("rule=\"ip_card_country_mismatch\"");
	}

}
