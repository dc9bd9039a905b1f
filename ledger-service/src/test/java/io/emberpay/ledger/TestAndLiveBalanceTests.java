package io.emberpay.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payout.PayoutPaid;
import io.emberpay.events.payout.PayoutSnapshot;
import io.emberpay.ledger.funds.FundsRelease;
import io.emberpay.ledger.integrity.IntegrityCheck;
import io.emberpay.ledger.integrity.IntegrityReport;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finding 2 of issue 21, in the ledger: test and live money never mix. The same
 * merchant's test payments and live payments make two balances, a key of one mode reads
 * only its own balance, balance transactions and accounts (the other mode's are 404), and
 * a payout held in one mode can only spend that mode's funds.
 */
@Tag("security")
class TestAndLiveBalanceTests extends LedgerIntegration {

	/** 10,000 captured less the 320 platform fee. */
	private static final long TEST_NET = 9_680;

	/** 50,000 captured less the 1,480 platform fee. */
	private static final long LIVE_NET = 48_520;

	@Autowired
	private FundsRelease release;

	@Autowired
	private IntegrityCheck integrity;

	@Test
	void testAndLivePaymentsOfOneMerchantMakeTwoSeparateBalances() {
		String merchant = uniqueId("mer");
		String testPayment = capture(merchant, 10_000, false);
		String livePayment = capture(merchant, 50_000, true);

		assertThat(usd(merchant, false, "pending")).isEqualTo(TEST_NET);
		assertThat(usd(merchant, true, "pending")).isEqualTo(LIVE_NET);
		assertThat(merchant(merchant, true).get("/v1/balance").json().get("livemode").asBoolean()).isTrue();
		assertThat(merchant(merchant, false).get("/v1/balance").json().get("livemode").asBoolean()).isFalse();
		assertThat(sources(merchant, false)).containsExactly(testPayment);
		assertThat(sources(merchant, true)).containsExactly(livePayment);

		this.release.releaseBatch(Instant.now().plus(Duration.ofDays(3)));

		assertThat(usd(merchant, false, "available")).isEqualTo(TEST_NET);
		assertThat(usd(merchant, true, "available")).isEqualTo(LIVE_NET);
		assertThat(usd(merchant, false, "pending")).isZero();
		assertThat(usd(merchant, true, "pending")).isZero();
		assertIntact();
	}

	@Test
	void aKeyOfOneModeCannotReadTheOtherModesBalanceTransactionsOrAccounts() {
		String merchant = uniqueId("mer");
		capture(merchant, 10_000, false);
		capture(merchant, 50_000, true);
		String testRow = rows(merchant, false).get(0).get("id").asString();
		String liveRow = rows(merchant, true).get(0).get("id").asString();
		String testAccount = usdAccount(merchant, false, "pending");
		String liveAccount = usdAccount(merchant, true, "pending");

		assertThat(merchant(merchant, false).get("/v1/balance_transactions/" + liveRow).status()).isEqualTo(404);
		assertThat(merchant(merchant, true).get("/v1/balance_transactions/" + testRow).status()).isEqualTo(404);
		assertThat(merchant(merchant, false).get("/v1/balance_transactions/" + testRow).status()).isEqualTo(200);
		assertThat(merchant(merchant, true).get("/v1/balance_transactions/" + liveRow).status()).isEqualTo(200);
		ApiClient.Response cursor = merchant(merchant, false).get("/v1/balance_transactions?starting_after=" + liveRow);
		assertThat(cursor.status()).as(cursor.body()).isEqualTo(400);
		assertThat(cursor.json().get("param").asString()).isEqualTo("starting_after");

		for (String path : List.of("", "/balance", "/entries")) {
			assertThat(merchant(merchant, false).get("/v1/ledger/accounts/" + liveAccount + path).status())
				.as("test key on live account%s", path)
				.isEqualTo(404);
			assertThat(merchant(merchant, true).get("/v1/ledger/accounts/" + testAccount + path).status())
				.as("live key on test account%s", path)
				.isEqualTo(404);
			assertThat(merchant(merchant, true).get("/v1/ledger/accounts/" + liveAccount + path).status())
				.isEqualTo(200);
		}
		assertThat(
				merchant(merchant, true).get("/v1/ledger/accounts/" + liveAccount).json().get("livemode").asBoolean())
			.isTrue();
	}

	@Test
	void aTestPayoutCannotSpendTheLiveBalanceNorALivePayoutTheTestOne() {
		String merchant = uniqueId("mer");
		capture(merchant, 10_000, false);
		capture(merchant, 50_000, true);
		this.release.releaseBatch(Instant.now().plus(Duration.ofDays(3)));

		ApiClient.Response testOverLive = hold(uniqueId("po"), merchant, TEST_NET + 1, false);
		assertThat(testOverLive.status()).as(testOverLive.body()).isEqualTo(409);
		assertThat(testOverLive.json().get("code").asString()).isEqualTo("insufficient_available_balance");
		ApiClient.Response everythingTest = hold(uniqueId("po"), merchant, null, false);
		assertThat(everythingTest.status()).as(everythingTest.body()).isEqualTo(201);
		assertThat(everythingTest.json().get("amount").asLong()).isEqualTo(TEST_NET);
		assertThat(usd(merchant, false, "available")).isZero();
		assertThat(usd(merchant, true, "available")).isEqualTo(LIVE_NET);

		ApiClient.Response liveOverLive = hold(uniqueId("po"), merchant, LIVE_NET + 1, true);
		assertThat(liveOverLive.status()).as(liveOverLive.body()).isEqualTo(409);
		String livePayout = uniqueId("po");
		ApiClient.Response live = hold(livePayout, merchant, LIVE_NET, true);
		assertThat(live.status()).as(live.body()).isEqualTo(201);
		assertThat(usd(merchant, true, "available")).isZero();
		assertThat(hold(uniqueId("po"), merchant, 1L, false).status()).isEqualTo(409);

		// an event from before payouts carried a mode posts in the mode of the payout's
		// hold
		publish(new PayoutPaid(ResourceIds.event(), Instant.now(), payout(livePayout, merchant, LIVE_NET, null)));
		await().atMost(eventually())
			.until(() -> this.jdbc.sql("select count(*) from ledger_transaction where reference = ? and kind = ?")
				.params(livePayout, "payout_paid")
				.query(Long.class)
				.single() == 1);
		assertThat(usd(merchant, true, "available")).isZero();
		assertThat(usd(merchant, false, "available")).isZero();
		assertThat(this.jdbc.sql("""
				select bool_and(a.livemode) from ledger_transaction t join ledger_entry e on e.transaction_seq = t.seq
				  join ledger_account a on a.number = e.account_number where t.reference = ?""")
			.param(livePayout)
			.query(Boolean.class)
			.single()).isTrue();
		assertIntact();
	}

	@Test
	void aHoldRequestWithoutAModeSpendsOnlyTheTestBalance() {
		String merchant = uniqueId("mer");
		capture(merchant, 50_000, true);
		this.release.releaseBatch(Instant.now().plus(Duration.ofDays(3)));

		ApiClient.Response refused = hold(uniqueId("po"), merchant, 100L, null);

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("param").asString()).isEqualTo("currency");
		assertThat(usd(merchant, true, "available")).isEqualTo(LIVE_NET);
	}

	@Test
	void anAdjustmentAcrossModesIsRefused() {
		String merchant = uniqueId("mer");
		capture(merchant, 10_000, false);
		capture(merchant, 50_000, true);

		ApiClient.Response refused = adjust(uniqueId("key"),
				List.of(entry(usdAccount(merchant, true, "pending"), "debit", 100, "USD"),
						entry(usdAccount(merchant, false, "pending"), "credit", 100, "USD")));

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("param").asString()).isEqualTo("entries");
		assertThat(usd(merchant, false, "pending")).isEqualTo(TEST_NET);
		assertThat(usd(merchant, true, "pending")).isEqualTo(LIVE_NET);
	}

	/** Captures a payment in one mode and waits for its balance transaction. */
	private String capture(String merchant, long amount, boolean livemode) {
		String pay = uniqueId("pay");
		PaymentSnapshot payment = inMode(payment(pay, merchant, "psp-a", amount, amount, 0, "succeeded"), livemode);
		publish(new PaymentCaptured(ResourceIds.event(), Instant.now(), payment));
		await().atMost(eventually())
			.until(() -> this.jdbc.sql("select count(*) from balance_transaction where source = ?")
				.param(pay)
				.query(Long.class)
				.single() == 1);
		return pay;
	}

	private ApiClient.Response hold(String payout, String merchant, Long amount, Boolean livemode) {
		Map<String, Object> body = new HashMap<>();
		body.put("payout", payout);
		body.put("merchant", merchant);
		body.put("currency", "USD");
		if (amount != null) {
			body.put("amount", amount);
		}
		if (livemode != null) {
			body.put("livemode", livemode);
		}
		return api().withToken(TestTokens.get().service("payment-service", "ledger-service"))
			.post("/internal/v1/payout_holds", body);
	}

	private long usd(String merchant, boolean livemode, String kind) {
		ApiClient.Response balance = merchant(merchant, livemode).get("/v1/balance");
		assertThat(balance.status()).as(balance.body()).isEqualTo(200);
		return BalanceTransactionTests.usd(balance.json(), kind);
	}

	private String usdAccount(String merchant, boolean livemode, String kind) {
		for (JsonNode amount : merchant(merchant, livemode).get("/v1/balance").json().get(kind)) {
			if (amount.get("currency").asString().equals("USD")) {
				return amount.get("account").asString();
			}
		}
		throw new AssertionError("no USD " + kind + " account");
	}

	private List<JsonNode> rows(String merchant, boolean livemode) {
		ApiClient.Response page = merchant(merchant, livemode).get("/v1/balance_transactions?limit=100");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		List<JsonNode> rows = new java.util.ArrayList<>();
		page.json().get("data").forEach(rows::add);
		assertThat(rows).allSatisfy(row -> assertThat(row.get("livemode").asBoolean()).isEqualTo(livemode));
		return rows;
	}

	private List<String> sources(String merchant, boolean livemode) {
		return rows(merchant, livemode).stream().map(row -> row.get("source").asString()).toList();
	}

	private void assertIntact() {
		IntegrityReport report = this.integrity.verify();
		assertThat(report.ok()).as("%s", report.problems()).isTrue();
	}

	private static PayoutSnapshot payout(String id, String merchant, long amount, Boolean livemode) {
		return new PayoutSnapshot(id, "payout", amount, "USD", "paid", merchant, "ba_test", "3000", "Test Bank", "DE",
				"psp-a", "sim_" + id, "standard", null, Instant.now(), livemode);
	}

}
