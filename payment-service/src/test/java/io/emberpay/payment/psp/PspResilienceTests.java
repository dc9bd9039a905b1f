package io.emberpay.payment.psp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PaymentServiceTest
class PspResilienceTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	PspRouter router;

	@Autowired
	JdbcClient jdbc;

	PaymentApi api;

	String user;

	String merchant;

	String card;

	@BeforeEach
	void setUp() {
		resetBreakers();
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
		this.merchant = PaymentApi.newMerchant();
		this.card = this.api.paymentMethod(this.user, PaymentApi.VISA);
	}

	@AfterEach
	void tearDown() {
		PlatformStubs.get().clearFaults();
		resetBreakers();
	}

	private void resetBreakers() {
		this.router.channels().forEach(channel -> channel.breaker().reset());
	}

	private ApiClient.Response pay(long amount) {
		return this.api.pay(this.user, PaymentApi.payment(amount, "USD", this.merchant, this.card, "automatic"));
	}

	private String breakerState(String psp) {
		ApiClient.Response breakers = this.api.anonymous()
			.withToken(TestTokens.get().operator("usr_operator"))
			.get("/internal/v1/psp/breakers");
		for (var breaker : breakers.json().get("data")) {
			if (breaker.get("psp").asString().equals(psp)) {
				return breaker.get("state").asString();
			}
		}
		throw new IllegalStateException("no breaker " + psp);
	}

	private double scraped(String series) {
		String body = this.api.anonymous().get("/actuator/prometheus").body();
		return body.lines()
			.filter(line -> line.startsWith(series + " "))
			.mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElse(0);
	}

	@Test
	void operatorsWithMfaSeeTheAcquirersBreakersOnThePublicApi() {
		ApiClient.Response seen = this.api.anonymous()
			.withToken(TestTokens.get().operator("usr_operator"))
			.get("/v1/acquirers");
		assertThat(seen.status()).as(seen.body()).isEqualTo(200);
		assertThat(seen.json().get("data").findValuesAsString("psp")).contains("psp-a", "psp-b");
		assertThat(seen.json().get("data").get(0).get("state").asString()).isEqualTo("closed");
		String withoutMfa = TestTokens.get()
			.sign("usr_operator", List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5));
		assertThat(this.api.anonymous().withToken(withoutMfa).get("/v1/acquirers").text("code"))
			.isEqualTo("mfa_required");
		assertThat(this.api.merchant(this.merchant).get("/v1/acquirers").status()).isEqualTo(403);
	}

	@Test
	void paymentStatesAndAcquirerCallsAreExportedToPrometheus() {
		String succeeded = "emberpay_payments_total{application=\"payment-service\",psp=\"psp-b\",status=\"succeeded\"}";
		String unavailable = "emberpay_psp_authorization_seconds_count{application=\"payment-service\",outcome=\"unavailable\",psp=\"psp-a\"}";
		String authorized = "emberpay_psp_authorization_seconds_count{application=\"payment-service\",outcome=\"authorized\",psp=\"psp-b\"}";
		double succeededBefore = scraped(succeeded);
		double unavailableBefore = scraped(unavailable);
		double authorizedBefore = scraped(authorized);
		PlatformStubs.get().faults("psp-a", PlatformStubs.Faults.unavailable());

		ApiClient.Response response = pay(3000);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.text("status")).isEqualTo("succeeded");
		assertThat(scraped(succeeded)).isEqualTo(succeededBefore + 1);
		assertThat(scraped(unavailable)).isEqualTo(unavailableBefore + 1);
		assertThat(scraped(authorized)).isEqualTo(authorizedBefore + 1);
		assertThat(this.api.anonymous().get("/actuator/prometheus").body()).contains(
				"emberpay_psp_authorization_seconds_bucket{application=\"payment-service\",outcome=\"authorized\",psp=\"psp-b\",le=");
	}

	@Test
	void breakerOpensFailsOverHalfOpensAndCloses() {
		PlatformStubs.get().faults("psp-a", PlatformStubs.Faults.unavailable());
		for (int i = 0; i < 6; i++) {
			ApiClient.Response response = pay(1000 + i);
			assertThat(response.status()).as(response.body()).isEqualTo(201);
			assertThat(PlatformStubs.get().authorizationsFor(response.text("id"))).singleElement()
				.satisfies(a -> assertThat(a.psp()).isEqualTo("psp-b"));
		}
		assertThat(breakerState("psp-a")).isEqualTo("open");
		assertThat(breakerState("psp-b")).isEqualTo("closed");
		assertThat(this.api.anonymous().get("/actuator/prometheus").body()).contains(
				"resilience4j_circuitbreaker_state{application=\"payment-service\",name=\"psp-a\",state=\"open\"} 1.0");

		PlatformStubs.get().clearFaults();
		await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ApiClient.Response response = pay(2000);
			assertThat(PlatformStubs.get().authorizationsFor(response.text("id")).get(0).psp()).isEqualTo("psp-a");
		});
		assertThat(breakerState("psp-a")).isIn("half_open", "closed");
		pay(2001);
		pay(2002);
		assertThat(breakerState("psp-a")).isEqualTo("closed");
	}

	@Test
	void bothAcquirersDownIsA503WithRetryAfterAndNothingCharged() {
		PlatformStubs.get().faults("psp-a", PlatformStubs.Faults.unavailable());
		PlatformStubs.get().faults("psp-b", PlatformStubs.Faults.unavailable());
		long before = PlatformStubs.get().authorizationsCreated();
		for (int i = 0; i < 8; i++) {
			ApiClient.Response response = pay(3000 + i);
			assertThat(response.status()).as(response.body()).isEqualTo(503);
			assertThat(response.text("code")).isEqualTo("psp_unavailable");
			assertThat(response.header("Retry-After")).isNotNull();
		}
		assertThat(PlatformStubs.get().authorizationsCreated()).isEqualTo(before);
		assertThat(breakerState("psp-a")).isEqualTo("open");
		assertThat(breakerState("psp-b")).isEqualTo("open");
		assertThat(this.jdbc.sql("select count(*) from payment where user_id = ? and status <> 'failed'")
			.param(this.user)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void timeoutLeavesThePaymentProcessingUntilTheJanitorSettlesIt() {
		PlatformStubs.get().faults("psp-a", new PlatformStubs.Faults(0, 0, 1.0, 1500, false));
		ApiClient.Response response = pay(4444);
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		assertThat(response.text("status")).isEqualTo("processing");
		String id = response.text("id");
		PlatformStubs.get().clearFaults();
		await().atMost(Duration.ofSeconds(40))
			.untilAsserted(() -> assertThat(this.api.user(this.user).get("/v1/payments/" + id).text("status"))
				.isEqualTo("succeeded"));
		assertThat(PlatformStubs.get().authorizationsFor(id)).hasSize(1);
	}

	@Test
	void aRefundWithALostAnswerStaysPendingUntilTheJanitorSettlesIt() {
		String id = pay(5555).text("id");
		PlatformStubs.get().faults("psp-a", new PlatformStubs.Faults(0, 0, 1.0, 1500, false));
		ApiClient merchantApi = this.api.merchant(this.merchant);
		ApiClient.Response refund = merchantApi.post("/v1/refunds", Map.of("payment", id, "amount", 555),
				PaymentApi.key());
		assertThat(refund.status()).as(refund.body()).isEqualTo(202);
		assertThat(refund.text("status")).isEqualTo("pending");
		ApiClient.Response tooMuch = merchantApi.post("/v1/refunds", Map.of("payment", id, "amount", 5001),
				PaymentApi.key());
		assertThat(tooMuch.status()).as("the pending amount stays reserved").isEqualTo(400);
		PlatformStubs.get().clearFaults();
		await().atMost(Duration.ofSeconds(40))
			.untilAsserted(() -> assertThat(merchantApi.get("/v1/refunds/" + refund.text("id")).text("status"))
				.isEqualTo("succeeded"));
		ApiClient.Response payment = merchantApi.get("/v1/payments/" + id);
		assertThat(payment.json().get("amount_refunded").asLong()).isEqualTo(555);
		assertThat(PlatformStubs.get().refundsFor(refund.text("id"))).isEqualTo(1);
	}

	@Test
	void injectedErrorsResetsAndTimeoutsNeverChargeTwice() throws Exception {
		noDoubleCharges(60);
	}

	@Test
	@Tag("soak")
	void twoThousandPaymentsUnderFaultsNeverChargeTwice() throws Exception {
		noDoubleCharges(2000);
	}

	private void noDoubleCharges(int payments) throws Exception {
		PlatformStubs.Faults faults = new PlatformStubs.Faults(0.30, 0.10, 0.10, 1500, false);
		PlatformStubs.get().faults("psp-a", faults);
		PlatformStubs.get().faults("psp-b", faults);
		List<Future<ApiClient.Response>> sent = new ArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < payments; i++) {
				long amount = 100 + i;
				sent.add(clients.submit(() -> pay(amount)));
			}
			for (Future<ApiClient.Response> response : sent) {
				// 503: no acquirer would take it (both breakers open); nothing was
				// charged.
				assertThat(response.get().status()).as(response.get().body()).isIn(201, 202, 503);
				if (response.get().status() == 201) {
					assertThat(PlatformStubs.get().authorizationsFor(response.get().text("id"))).hasSize(1);
				}
			}
		}
		PlatformStubs.get().clearFaults();
		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.sql("select count(*) from payment where user_id = ? and status = 'processing'")
				.param(this.user)
				.query(Integer.class)
				.single() == 0);
		List<Map<String, Object>> rows = this.jdbc.sql("select id, status from payment where user_id = ?")
			.param(this.user)
			.query()
			.listOfRows();
		for (Map<String, Object> row : rows) {
			var authorizations = PlatformStubs.get().authorizationsFor((String) row.get("id"));
			if ("succeeded".equals(row.get("status"))) {
				assertThat(authorizations).as(row.toString()).hasSize(1);
			}
			else {
				assertThat(row.get("status")).isEqualTo("failed");
				assertThat(authorizations).as(row.toString()).isEmpty();
			}
		}
		assertThat(rows).filteredOn(row -> "succeeded".equals(row.get("status"))).isNotEmpty();
	}

}
