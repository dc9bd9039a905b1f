package io.emberpay.payment.payout;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.emberpay.events.Topics;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payouts through the API: bank accounts vaulted and validated, a payout held in the
 * (stub) ledger, sent to the acquirer, tracked to paid or failed with its events in the
 * outbox, the scheduler's daily payouts, and every refusal with its code and param.
 */
@PaymentServiceTest
@ExtendWith(OutputCaptureExtension.class)
class PayoutTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PayoutScheduler scheduler;

	PaymentApi api;

	String merchant;

	@BeforeEach
	void api() {
		this.api = new PaymentApi(this.port);
		this.merchant = PaymentApi.newMerchant();
	}

	@Test
	void vaultsABankAccountShowingOnlyItsLastFourDigitsBankAndCountry() {
		ApiClient.Response created = addIban(this.merchant, "DE89 3704 0044 0532 0130 00");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("id")).startsWith("ba_");
		assertThat(created.text("last4")).isEqualTo("3000");
		assertThat(created.text("bank_name")).isEqualTo("Commerzbank");
		assertThat(created.text("country")).isEqualTo("DE");
		assertThat(created.body()).doesNotContain("0532013000").doesNotContain("iban");
		byte[] stored = this.jdbc.sql("select number_ciphertext from vault.external_account where id = ?")
			.param(created.text("id"))
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("0532013000");
		assertThat(
				this.api.merchant(PaymentApi.newMerchant()).get("/v1/external_accounts/" + created.text("id")).status())
			.isEqualTo(404);
		assertThat(this.api.user(PaymentApi.newUser()).get("/v1/external_accounts").status()).isEqualTo(403);
	}

	@Test
	void refusesBankAccountsThatCannotBeRightNamingTheField() {
		assertProblem(addIban(this.merchant, "DE89 3704 0044 0532 0130 01"), 400, "bank_account.iban");
		assertProblem(addIban(this.merchant, "FR89 3704 0044 0532 0130 00"), 400, "bank_account.iban");
		assertProblem(addUs(this.merchant, "110000001", "000123456789"), 400, "bank_account.routing_number");
		assertProblem(addUs(this.merchant, "110000000", "12"), 400, "bank_account.account_number");
		assertProblem(
				this.api.merchant(this.merchant)
					.post("/v1/external_accounts",
							Map.of("type", "bank_account", "bank_account",
									Map.of("country", "DE", "currency", "EUROS", "iban", "DE89370400440532013000"))),
				400, "bank_account.currency");
	}

	@Test
	void payoutIsHeldSentAndPaidWithItsEventsAndTheAccountNumberNowhere(CapturedOutput output) {
		String iban = canaryIban();
		String account = addIban(this.merchant, iban).text("id");
		PlatformStubs.get().fund(this.merchant, "EUR", 10_000);
		try (TopicReader topic = new TopicReader(Topics.PAYMENTS)) {
			ApiClient.Response created = payout(this.merchant, 6_000, "EUR");

			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.text("id");
			assertThat(id).startsWith("po_");
			assertThat(created.text("status")).isEqualTo("in_transit");
			assertThat(created.text("destination")).isEqualTo(account);
			assertThat(PlatformStubs.get().availableOf(this.merchant, "EUR")).isEqualTo(4_000);

			PlatformStubs.get().settlePayout(id);
			await().atMost(Duration.ofSeconds(20)).until(() -> status(this.merchant, id).equals("paid"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> topic.raw().stream().filter(r -> r.contains(id)).count() >= 2);
			assertThat(topic.raw().stream().filter(r -> r.contains(id)))
				.anySatisfy(r -> assertThat(r).contains("\"payout.created\""))
				.anySatisfy(r -> assertThat(r).contains("\"payout.paid\"").contains("\"bank_last4\""));
			assertThat(PlatformStubs.get().payoutsMadeFor(id)).isEqualTo(1);
			String bban = iban.substring(4);
			assertThat(topic.raw()).noneMatch(r -> r.contains(bban));
			assertThat(output.getAll()).doesNotContain(bban);
			assertThat(this.api.merchant(this.merchant).get("/v1/payouts").body()).contains(id).doesNotContain(bban);
		}
	}

	@Test
	void payoutToAnAccountTheBankRejectsFailsWithItsCodeAndAPayoutFailedEvent() {
		addUs(this.merchant, "110000000", "000111111116");
		PlatformStubs.get().fund(this.merchant, "USD", 5_000);
		try (TopicReader topic = new TopicReader(Topics.PAYMENTS)) {
			String id = payout(this.merchant, 5_000, "USD").text("id");

			PlatformStubs.get().settlePayout(id);

			await().atMost(Duration.ofSeconds(20)).until(() -> status(this.merchant, id).equals("failed"));
			assertThat(this.api.merchant(this.merchant).get("/v1/payouts/" + id).text("failure_code"))
				.isEqualTo("no_account");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> topic.raw().stream().anyMatch(r -> r.contains(id) && r.contains("\"payout.failed\"")));
		}
	}

	@Test
	void payoutOfAMerchantWhoseAcquirerHasNoPayoutConnectorIsA503HoldingNothing() {
		String stripeMerchant = "mer_on_stripe";
		addUs(stripeMerchant, "110000000", "000123456789");
		PlatformStubs.get().fund(stripeMerchant, "USD", 5_000);
		long before = PlatformStubs.get().availableOf(stripeMerchant, "USD");

		ApiClient.Response refused = payout(stripeMerchant, 1_000, "USD");

		assertThat(refused.status()).as(refused.body()).isEqualTo(503);
		assertThat(refused.text("code")).isEqualTo("service_unavailable");
		assertThat(refused.text("detail")).contains("stripe").contains("no payout connector");
		assertThat(PlatformStubs.get().availableOf(stripeMerchant, "USD")).isEqualTo(before);
		assertThat(this.api.merchant(stripeMerchant).get("/v1/payouts").json().get("data")).isEmpty();
	}

	@Test
	void payoutAboveTheAvailableBalanceIsA409AndNothingIsSent() {
		addIban(this.merchant, "DE89370400440532013000");
		PlatformStubs.get().fund(this.merchant, "EUR", 1_000);

		ApiClient.Response refused = payout(this.merchant, 1_001, "EUR");

		assertProblem(refused, 409, "amount");
		assertThat(refused.text("code")).isEqualTo("insufficient_available_balance");
		assertThat(this.api.merchant(this.merchant).get("/v1/payouts").json().get("data")).isEmpty();
		assertThat(PlatformStubs.get().availableOf(this.merchant, "EUR")).isEqualTo(1_000);
	}

	@Test
	void payoutNeedsAnIdempotencyKeyAValidAmountAndALiveBankAccount() {
		String account = addIban(this.merchant, "DE89370400440532013000").text("id");
		PlatformStubs.get().fund(this.merchant, "EUR", 1_000);
		ApiClient client = this.api.merchant(this.merchant);

		assertThat(client.post("/v1/payouts", Map.of("amount", 100, "currency", "EUR")).text("code"))
			.isEqualTo("idempotency_key_missing");
		assertProblem(client.post("/v1/payouts", Map.of("amount", 0, "currency", "EUR"), PaymentApi.key()), 400,
				"amount");
		assertProblem(client.post("/v1/payouts", Map.of("amount", 100, "currency", "EURO"), PaymentApi.key()), 400,
				"currency");
		assertProblem(payout(this.merchant, 100, "USD"), 400, "destination");
		assertThat(client.send("DELETE", "/v1/external_accounts/" + account, null, Map.of()).status()).isEqualTo(204);
		assertProblem(client.post("/v1/payouts", Map.of("amount", 100, "currency", "EUR", "destination", account),
				PaymentApi.key()), 400, "destination");
		assertThat(PlatformStubs.get().availableOf(this.merchant, "EUR")).isEqualTo(1_000);
	}

	@Test
	void anotherMerchantsPayoutIsNotFound() {
		addIban(this.merchant, "DE89370400440532013000");
		PlatformStubs.get().fund(this.merchant, "EUR", 1_000);
		String id = payout(this.merchant, 500, "EUR").text("id");

		assertThat(this.api.merchant(PaymentApi.newMerchant()).get("/v1/payouts/" + id).status()).isEqualTo(404);
		assertThat(this.api.merchant(PaymentApi.newMerchant()).get("/v1/payouts").json().get("data")).isEmpty();
	}

	@Test
	@Tag("security")
	void aKeyPaysOutOnlyItsModesBalanceAndNeverSeesTheOtherModesPayouts() {
		addIban(this.merchant, "DE89370400440532013000");
		PlatformStubs.get().fund(this.merchant, "EUR", 1_000);
		PlatformStubs.get().fund(this.merchant, "EUR", 5_000, true);
		ApiClient live = liveKey(this.merchant);
		try (TopicReader topic = new TopicReader(Topics.PAYMENTS)) {
			assertProblem(payout(this.merchant, 2_000, "EUR"), 409, "amount");

			ApiClient.Response created = live.post("/v1/payouts", Map.of("amount", 3_000, "currency", "EUR"),
					PaymentApi.key());

			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.text("id");
			assertThat(PlatformStubs.get().availableOf(this.merchant, "EUR", true)).isEqualTo(2_000);
			assertThat(PlatformStubs.get().availableOf(this.merchant, "EUR")).isEqualTo(1_000);
			assertThat(
					this.jdbc.sql("select livemode from payout where id = ?").param(id).query(Boolean.class).single())
				.isTrue();
			assertThat(this.api.merchant(this.merchant).get("/v1/payouts/" + id).status()).isEqualTo(404);
			assertThat(this.api.merchant(this.merchant).get("/v1/payouts").body()).doesNotContain(id);
			assertThat(live.get("/v1/payouts/" + id).json().get("livemode").asBoolean()).isTrue();
			assertThat(live.get("/v1/payouts").body()).contains(id);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> topic.raw().stream().anyMatch(r -> r.contains(id) && r.contains("\"payout.created\"")));
			assertThat(topic.raw().stream().filter(r -> r.contains(id)))
				.allSatisfy(r -> assertThat(r).contains("\"livemode\":true"));
		}
		String testPayout = payout(this.merchant, 1_000, "EUR").text("id");
		assertThat(live.get("/v1/payouts/" + testPayout).status()).isEqualTo(404);
		assertThat(this.jdbc.sql("select livemode from payout where id = ?")
			.param(testPayout)
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void dailyScheduleOnceADayPaysOutEverythingAvailableAboveTheMinimum() {
		addIban(this.merchant, "DE89370400440532013000");
		PlatformStubs.get().fund(this.merchant, "EUR", 2_500);
		String poor = PaymentApi.newMerchant();
		addIban(poor, "DE89370400440532013000");
		PlatformStubs.get().fund(poor, "EUR", 999);
		for (String m : List.of(this.merchant, poor)) {
			ApiClient.Response schedule = this.api.merchant(m)
				.send("PUT", "/v1/payout_schedule", Map.of("interval", "daily", "minimum_amount", 1_000), Map.of());
			assertThat(schedule.status()).as(schedule.body()).isEqualTo(200);
		}
		LocalDate today = LocalDate.now(ZoneOffset.UTC);

		this.scheduler.payOut(today);
		this.scheduler.payOut(today);

		var payouts = this.api.merchant(this.merchant).get("/v1/payouts").json().get("data");
		assertThat(payouts).hasSize(1);
		assertThat(payouts.get(0).get("amount").asLong()).isEqualTo(2_500);
		assertThat(payouts.get(0).get("automatic").asBoolean()).isTrue();
		assertThat(this.api.merchant(poor).get("/v1/payouts").json().get("data")).isEmpty();
		assertThat(this.api.merchant(this.merchant).get("/v1/payout_schedule").text("interval")).isEqualTo("daily");
	}

	@Test
	void weeklyScheduleNeedsItsDay() {
		assertProblem(this.api.merchant(this.merchant)
			.send("PUT", "/v1/payout_schedule", Map.of("interval", "weekly"), Map.of()), 400, "weekly_anchor");
		assertProblem(this.api.merchant(this.merchant)
			.send("PUT", "/v1/payout_schedule", Map.of("interval", "hourly"), Map.of()), 400, "interval");
		assertThat(this.api.merchant(this.merchant)
			.send("PUT", "/v1/payout_schedule", Map.of("interval", "weekly", "weekly_anchor", "friday"), Map.of())
			.text("weekly_anchor")).isEqualTo("friday");
	}

	private ApiClient.Response addIban(String merchant, String iban) {
		return this.api.merchant(merchant)
			.post("/v1/external_accounts", Map.of("type", "bank_account", "bank_account",
					Map.of("country", iban.substring(0, 2), "currency", "EUR", "iban", iban)));
	}

	private ApiClient.Response addUs(String merchant, String routing, String account) {
		return this.api.merchant(merchant)
			.post("/v1/external_accounts", Map.of("type", "bank_account", "bank_account",
					Map.of("country", "US", "currency", "USD", "routing_number", routing, "account_number", account)));
	}

	private ApiClient.Response payout(String merchant, long amount, String currency) {
		return this.api.merchant(merchant)
			.post("/v1/payouts", Map.of("amount", amount, "currency", currency), PaymentApi.key());
	}

	private ApiClient liveKey(String merchant) {
		return new ApiClient("http://localhost:" + this.port).withToken(
				TestTokens.get().sign(merchant, List.of("merchant"), List.of("api_key"), true, Duration.ofMinutes(5)));
	}

	private String status(String merchant, String id) {
		return this.api.merchant(merchant).get("/v1/payouts/" + id).text("status");
	}

	private static void assertProblem(ApiClient.Response response, int status, String param) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.text("param")).as(response.body()).isEqualTo(param);
	}

	/** A German IBAN with random digits and correct check digits, seen nowhere before. */
	private static String canaryIban() {
		StringBuilder bban = new StringBuilder();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 18; i++) {
			bban.append(random.nextInt(10));
		}
		// D = 13, E = 14; check digits make the rearranged number leave 1 modulo 97
		int mod = new BigInteger(bban + "131400").mod(BigInteger.valueOf(97)).intValue();
		return "DE" + String.format("%02d", 98 - mod) + bban;
	}

}
