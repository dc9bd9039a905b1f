package io.emberpay.payment.psp;

import java.time.Duration;
import java.util.Map;

import io.emberpay.payment.psp.adyen.FakeAdyen;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which acquirer a payment goes to and why, as the payment shows it: the cheapest by fee
 * table, a currency's own rule, the best recent authorization rate, failover only when
 * the first acquirer certainly did nothing, and operators draining, forcing open and
 * resuming an acquirer (stored for every replica, audited).
 */
@PaymentServiceTest
class AcquirerRoutingTests {

	static final String OPERATOR = "usr_routing_operator";

	@Value("${local.server.port}")
	int port;

	@Autowired
	PspRouter router;

	@Autowired
	JdbcClient jdbc;

	PaymentApi api;

	String user;

	String card;

	@BeforeEach
	void setUp() {
		resume();
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
		this.card = this.api.paymentMethod(this.user, PaymentApi.VISA);
	}

	@AfterEach
	void tearDown() {
		PlatformStubs.get().clearFaults();
		FakeAdyen.get().clearFault();
		resume();
	}

	/**
	 * Every acquirer active again, whatever a test left, and fresh breakers and rates.
	 */
	private void resume() {
		for (PspChannel channel : this.router.channels()) {
			if (this.router.states().stateOf(channel.name()) != RoutingState.ACTIVE) {
				this.router.states().change(channel.name(), RoutingState.ACTIVE, "test cleanup", "test");
			}
			channel.breaker().reset();
		}
		this.router.forgetAuthorizationRates();
	}

	private ApiClient operator() {
		return this.api.anonymous().withToken(TestTokens.get().operator(OPERATOR));
	}

	private ApiClient.Response pay(String merchant, long amount, String currency) {
		return this.api.pay(this.user, PaymentApi.payment(amount, currency, merchant, this.card, "manual"));
	}

	private JsonNode acquirer(String name) {
		for (JsonNode acquirer : operator().get("/v1/acquirers").json().get("data")) {
			if (acquirer.get("psp").asString().equals(name)) {
				return acquirer;
			}
		}
		throw new AssertionError("no acquirer " + name);
	}

	@Test
	void lowestCostSendsEachPaymentToTheAcquirerWithTheSmallerFee() {
		// psp-a 2.90 % + 30, psp-b 1.50 % + 50: psp-b is cheaper on 100.00, psp-a on 1.00
		ApiClient.Response large = pay("mer_lowest_cost", 10000, "USD");
		ApiClient.Response small = pay("mer_lowest_cost", 100, "USD");

		assertThat(large.status()).as(large.body()).isEqualTo(201);
		assertThat(large.text("acquirer")).isEqualTo("psp-b");
		assertThat(large.text("routing_reason")).isEqualTo("lowest_cost");
		assertThat(small.text("acquirer")).isEqualTo("psp-a");
		assertThat(small.text("routing_reason")).isEqualTo("lowest_cost");
		assertThat(this.api.user(this.user).get("/v1/payments/" + large.text("id")).text("routing_reason"))
			.isEqualTo("lowest_cost");
	}

	@Test
	void aCurrencyRuleReplacesTheMerchantsStrategy() {
		ApiClient.Response euros = pay("mer_lowest_cost", 10000, "EUR");

		assertThat(euros.status()).as(euros.body()).isEqualTo(201);
		assertThat(euros.text("acquirer")).isEqualTo("psp-a");
		assertThat(euros.text("routing_reason")).isEqualTo("priority");
	}

	@Test
	void bestAuthorizationRateWinsOnceThereAreEnoughAnswers() {
		// Until both acquirers have answered enough, the configured order stands.
		ApiClient.Response first = pay("mer_by_rate", 1500, "USD");
		assertThat(first.text("acquirer")).isEqualTo("psp-a");
		assertThat(first.text("routing_reason")).isEqualTo("priority");
		String declining = this.api.paymentMethod(this.user, "4000000000000002");
		for (int i = 0; i < 4; i++) {
			this.api.pay(this.user, PaymentApi.payment(1500, "USD", "mer_by_rate", declining, "manual"));
		}
		// psp-a now has declines only; psp-b earns a clean record by drain-routing
		this.router.states().change("psp-a", RoutingState.DRAINING, "teach psp-b's rate", "test");
		for (int i = 0; i < 4; i++) {
			assertThat(pay("mer_by_rate", 1500, "USD").text("acquirer")).isEqualTo("psp-b");
		}
		this.router.states().change("psp-a", RoutingState.ACTIVE, "done", "test");

		ApiClient.Response chosen = pay("mer_by_rate", 1500, "USD");

		assertThat(chosen.text("acquirer")).isEqualTo("psp-b");
		assertThat(chosen.text("routing_reason")).isEqualTo("authorization_rate");
		assertThat(acquirer("psp-b").get("authorization_rate_percent").asDouble()).isEqualTo(100.0);
	}

	@Test
	void failsOverOnlyWhenTheFirstAcquirerCertainlyDidNothing() {
		int charges = FakeAdyen.get().charges();
		// 503 three times: Adyen refused every attempt before acting.
		FakeAdyen.get().fault(AcquirerFault.refusing(503, 3));

		ApiClient.Response paid = pay("mer_failover_to_a", 2100, "EUR");

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("acquirer")).isEqualTo("psp-a");
		assertThat(paid.text("routing_reason")).isEqualTo("failover");
		assertThat(FakeAdyen.get().charges()).isEqualTo(charges);
	}

	@Test
	void doesNotFailOverWhenTheFirstAcquirerMayHaveActed() {
		// Adyen acts but never answers in time: the payment stays with Adyen.
		FakeAdyen.get().fault(AcquirerFault.slow(Duration.ofMillis(1500)));

		ApiClient.Response paid = pay("mer_failover_to_a", 2200, "EUR");

		assertThat(paid.status()).as(paid.body()).isEqualTo(202);
		assertThat(paid.text("acquirer")).isEqualTo("adyen");
		assertThat(paid.text("routing_reason")).isEqualTo("priority");
		assertThat(PlatformStubs.get().authorizationsFor(paid.text("id"))).isEmpty();
	}

	@Test
	void aDrainedAcquirerTakesNoNewPaymentsButFinishesWhatItHolds() {
		ApiClient.Response before = pay("mer_drained", 3000, "USD");
		assertThat(before.text("acquirer")).isEqualTo("psp-a");

		ApiClient.Response drained = operator().post("/v1/acquirers/psp-a/drain",
				Map.of("reason", "maintenance window announced by psp-a"));

		assertThat(drained.status()).as(drained.body()).isEqualTo(200);
		assertThat(drained.text("routing_state")).isEqualTo("draining");
		assertThat(drained.text("routing_state_changed_by")).isEqualTo(OPERATOR);
		ApiClient.Response during = pay("mer_drained", 3000, "USD");
		assertThat(during.text("acquirer")).isEqualTo("psp-b");
		assertThat(during.text("routing_reason")).isEqualTo("priority");
		ApiClient.Response captured = this.api.merchant("mer_drained")
			.post("/v1/payments/" + before.text("id") + "/capture", Map.of(), PaymentApi.key());
		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		assertThat(acquirer("psp-a").get("routing_state").asString()).isEqualTo("draining");

		ApiClient.Response resumed = operator().post("/v1/acquirers/psp-a/resume", Map.of("reason", "window over"));

		assertThat(resumed.text("routing_state")).isEqualTo("active");
		assertThat(pay("mer_drained", 3000, "USD").text("acquirer")).isEqualTo("psp-a");
		assertThat(this.jdbc.sql("""
				select previous_state || '>' || state from acquirer_routing_audit
				where acquirer = 'psp-a' and changed_by = ? order by id""").param(OPERATOR).query(String.class).list())
			.endsWith("active>draining", "draining>active");
	}

	@Test
	void aForcedOpenAcquirerTakesNoCallAtAllUntilResumed() {
		ApiClient.Response held = pay("mer_forced", 3000, "USD");
		assertThat(held.text("acquirer")).isEqualTo("psp-a");

		ApiClient.Response forced = operator().post("/v1/acquirers/psp-a/force_open",
				Map.of("reason", "psp-a double-charging, incident 42"));

		assertThat(forced.status()).as(forced.body()).isEqualTo(200);
		assertThat(forced.text("routing_state")).isEqualTo("forced_open");
		assertThat(forced.text("state")).isEqualTo("forced_open");
		assertThat(this.router.channel("psp-a").breaker().getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
		ApiClient.Response during = pay("mer_forced", 3000, "USD");
		assertThat(during.text("acquirer")).isEqualTo("psp-b");
		ApiClient.Response capture = this.api.merchant("mer_forced")
			.post("/v1/payments/" + held.text("id") + "/capture", Map.of(), PaymentApi.key());
		assertThat(capture.status()).as(capture.body()).isEqualTo(503);

		operator().post("/v1/acquirers/psp-a/resume", Map.of("reason", "incident 42 closed"));

		assertThat(this.router.channel("psp-a").breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(acquirer("psp-a").get("routing_state").asString()).isEqualTo("active");
		assertThat(this.api.merchant("mer_forced")
			.post("/v1/payments/" + held.text("id") + "/capture", Map.of(), PaymentApi.key())
			.status()).isEqualTo(200);
	}

	@Test
	void anotherReplicasChangeIsFollowedFromTheDatabase() {
		// What another replica stored: this one follows it at its next refresh.
		this.jdbc.sql("""
				insert into acquirer_routing_state (acquirer, state, reason, changed_by)
				values ('psp-a', 'forced_open', 'set by another replica', 'usr_elsewhere')
				on conflict (acquirer) do update set state = excluded.state, reason = excluded.reason,
				    changed_by = excluded.changed_by""").update();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.router.channel("psp-a").breaker().getState())
				.isEqualTo(CircuitBreaker.State.FORCED_OPEN));
		assertThat(pay("mer_elsewhere", 3000, "USD").text("acquirer")).isEqualTo("psp-b");
	}

	@Test
	void onlyOperatorsWithMfaChangeRoutingAndTheyMustSayWhy() {
		ApiClient.Response merchant = this.api.merchant("mer_x")
			.post("/v1/acquirers/psp-a/drain", Map.of("reason", "x"));
		ApiClient.Response noReason = operator().post("/v1/acquirers/psp-a/drain", Map.of());
		ApiClient.Response unknown = operator().post("/v1/acquirers/psp-z/drain", Map.of("reason", "x"));

		assertThat(merchant.status()).isEqualTo(403);
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.text("param")).isEqualTo("reason");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(this.router.states().stateOf("psp-a")).isEqualTo(RoutingState.ACTIVE);
	}

}
