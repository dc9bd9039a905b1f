package io.emberpay.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payout.PayoutFailed;
import io.emberpay.events.payout.PayoutPaid;
import io.emberpay.events.payout.PayoutSnapshot;
import io.emberpay.ledger.funds.FundsRelease;
import io.emberpay.ledger.integrity.IntegrityCheck;
import io.emberpay.ledger.integrity.IntegrityReport;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A payout's money as a two-phase hold on the merchant's available funds: held when the
 * payout is created (never more than is available, even under concurrent requests),
 * posted to the acquirer when paid, voided back to available when failed, each step
 * listed as a {@code payout} balance transaction and the ledger intact after each.
 */
class PayoutLedgerTests extends LedgerIntegration {

	/** 10,000 captured less the 320 platform fee. */
	private static final long AVAILABLE = 9_680;

	@Autowired
	private FundsRelease release;

	@Autowired
	private IntegrityCheck integrity;

	@Test
	void heldPayoutLeavesTheAvailableBalanceAndPaidPostsItToTheAcquirer() {
		String merchant = merchantWithAvailableFunds();
		String payout = uniqueId("po");

		ApiClient.Response held = hold(payout, merchant, 6_000L, null, "USD");

		assertThat(held.status()).as(held.body()).isEqualTo(201);
		assertThat(held.json().get("available_after").asLong()).isEqualTo(AVAILABLE - 6_000);
		assertThat(available(merchant)).isEqualTo(AVAILABLE - 6_000);
		JsonNode row = payoutRows(merchant).get(0);
		assertThat(row.get("type").asString()).isEqualTo("payout");
		assertThat(row.get("source").asString()).isEqualTo(payout);
		assertThat(row.get("net").asLong()).isEqualTo(-6_000);
		assertThat(row.get("status").asString()).isEqualTo("available");
		assertIntact();

		publish(new PayoutPaid(ResourceIds.event(), Instant.now(), snapshot(payout, merchant, 6_000, "paid")));

		await().atMost(eventually()).until(() -> transactionsOfKind(payout, "payout_paid") == 1);
		assertThat(available(merchant)).isEqualTo(AVAILABLE - 6_000);
		assertThat(payoutRows(merchant)).hasSize(1);
		assertThat(inTransit(payout)).isZero();
		assertSumMatchesBalance(merchant);
		assertIntact();
	}

	@Test
	void failedPayoutReturnsItsFundsToTheAvailableBalance() {
		String merchant = merchantWithAvailableFunds();
		String payout = uniqueId("po");
		assertThat(hold(payout, merchant, AVAILABLE, null, "USD").status()).isEqualTo(201);
		assertThat(available(merchant)).isZero();

		publish(new PayoutFailed(ResourceIds.event(), Instant.now(), snapshot(payout, merchant, AVAILABLE, "failed")));

		await().atMost(eventually()).until(() -> available(merchant) == AVAILABLE);
		List<JsonNode> rows = payoutRows(merchant);
		assertThat(rows).extracting(r -> r.get("net").asLong()).containsExactly(AVAILABLE, -AVAILABLE);
		assertThat(rows).allSatisfy(r -> assertThat(r.get("source").asString()).isEqualTo(payout));
		assertSumMatchesBalance(merchant);
		assertIntact();
	}

	@Test
	void payoutAboveTheAvailableBalanceIsRefusedAndHoldsNothing() {
		String merchant = merchantWithAvailableFunds();

		ApiClient.Response refused = hold(uniqueId("po"), merchant, AVAILABLE + 1, null, "USD");

		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("insufficient_available_balance");
		assertThat(refused.json().get("param").asString()).isEqualTo("amount");
		assertThat(available(merchant)).isEqualTo(AVAILABLE);
		assertThat(payoutRows(merchant)).isEmpty();
	}

	@Test
	void payoutInACurrencyWithoutBalanceIsA400NamingTheCurrency() {
		String merchant = merchantWithAvailableFunds();

		ApiClient.Response refused = hold(uniqueId("po"), merchant, 100L, null, "EUR");

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("param").asString()).isEqualTo("currency");
	}

	@Test
	void holdingTheSamePayoutAgainAnswersTheFirstHold() {
		String merchant = merchantWithAvailableFunds();
		String payout = uniqueId("po");
		ApiClient.Response first = hold(payout, merchant, 1_000L, null, "USD");

		ApiClient.Response again = hold(payout, merchant, 1_000L, null, "USD");

		assertThat(again.status()).as(again.body()).isEqualTo(201);
		assertThat(again.json().get("transaction").asString()).isEqualTo(first.json().get("transaction").asString());
		assertThat(available(merchant)).isEqualTo(AVAILABLE - 1_000);
	}

	@Test
	void scheduledPayoutTakesEverythingAvailableOnlyWhenItReachesTheMinimum() {
		String merchant = merchantWithAvailableFunds();

		ApiClient.Response belowMinimum = hold(uniqueId("po"), merchant, null, AVAILABLE + 1, "USD");
		ApiClient.Response everything = hold(uniqueId("po"), merchant, null, AVAILABLE, "USD");
		ApiClient.Response nothingLeft = hold(uniqueId("po"), merchant, null, 0L, "USD");

		assertThat(belowMinimum.status()).as(belowMinimum.body()).isEqualTo(409);
		assertThat(everything.status()).as(everything.body()).isEqualTo(201);
		assertThat(everything.json().get("amount").asLong()).isEqualTo(AVAILABLE);
		assertThat(nothingLeft.status()).as(nothingLeft.body()).isEqualTo(409);
		assertThat(available(merchant)).isZero();
	}

	@Test
	void twentyConcurrentPayoutsNeverHoldMoreThanIsAvailable() throws Exception {
		String merchant = merchantWithAvailableFunds();
		List<Callable<Integer>> requests = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String payout = uniqueId("po");
			requests.add(() -> hold(payout, merchant, 1_000L, null, "USD").status());
		}

		Map<Integer, Integer> statuses = new HashMap<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
			for (Future<Integer> status : pool.invokeAll(requests)) {
				statuses.merge(status.get(), 1, Integer::sum);
			}
		}

		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 9, 409, 11));
		assertThat(available(merchant)).isEqualTo(AVAILABLE - 9_000);
		assertSumMatchesBalance(merchant);
		assertIntact();
	}

	@Test
	void reconciliationMatchesPaidPayoutsAndReportsEveryPayoutLineThatDoesNotMatch() {
		String psp = "psp-p" + Long.toString(System.nanoTime() % 100_000);
		String merchant = merchantWithAvailableFunds(psp);
		String payout = uniqueId("po");
		assertThat(hold(payout, merchant, 5_000L, null, "USD").status()).isEqualTo(201);
		publish(new PayoutPaid(ResourceIds.event(), Instant.now(),
				new PayoutSnapshot(payout, "payout", 5_000, "USD", "paid", merchant, "ba_test", "6789", "Test Bank",
						"US", psp, "spo_1", "standard", null, Instant.now(), false)));
		await().atMost(eventually()).until(() -> transactionsOfKind(payout, "payout_paid") == 1);
		String csv = """
				psp_reference,type,reference,amount,currency,fee,settled_at
				spo_1,payout,%s,5000,USD,0,2026-11-23T06:00:00Z
				spo_2,payout,po_neverpaid0000000000000000,700,USD,0,2026-11-23T06:00:00Z
				spo_3,payout,%s,4999,USD,0,2026-11-23T06:00:00Z
				""".formatted(payout, payout);
		FakePspSettlements.serve(psp, "2026-11-23", csv);

		ApiClient.Response report = operator().post("/internal/v1/reconciliations",
				Map.of("psp", psp, "date", "2026-11-23"));

		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.json().get("settled").asInt()).isEqualTo(1);
		assertThat(report.json().get("exceptions")).hasSize(2);
		assertThat(report.json().get("exceptions").toString()).contains("unmatched").contains("amount_mismatch");
		assertIntact();
	}

	private String merchantWithAvailableFunds() {
		return merchantWithAvailableFunds("psp-a");
	}

	private String merchantWithAvailableFunds(String psp) {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		publish(new PaymentCaptured(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, psp, 10_000, 10_000, 0, "succeeded")));
		await().atMost(eventually())
			.until(() -> this.jdbc.sql("select count(*) from balance_transaction where source = ?")
				.param(pay)
				.query(Long.class)
				.single() == 1);
		this.release.releaseBatch(Instant.now().plus(Duration.ofDays(3)));
		assertThat(available(merchant)).isEqualTo(AVAILABLE);
		return merchant;
	}

	private ApiClient.Response hold(String payout, String merchant, Long amount, Long minimum, String currency) {
		Map<String, Object> body = new HashMap<>();
		body.put("payout", payout);
		body.put("merchant", merchant);
		body.put("currency", currency);
		if (amount != null) {
			body.put("amount", amount);
		}
		if (minimum != null) {
			body.put("minimum_amount", minimum);
		}
		return api().withToken(TestTokens.get().service("payment-service", "ledger-service"))
			.post("/internal/v1/payout_holds", body);
	}

	private long available(String merchant) {
		return BalanceTransactionTests.usd(merchant(merchant).get("/v1/balance").json(), "available");
	}

	private List<JsonNode> payoutRows(String merchant) {
		List<JsonNode> rows = new ArrayList<>();
		merchant(merchant).get("/v1/balance_transactions?limit=100").json().get("data").forEach(row -> {
			if (row.get("type").asString().equals("payout")) {
				rows.add(row);
			}
		});
		return rows;
	}

	private long transactionsOfKind(String reference, String kind) {
		return this.jdbc.sql("select count(*) from ledger_transaction where reference = ? and kind = ?")
			.params(reference, kind)
			.query(Long.class)
			.single();
	}

	private long inTransit(String payout) {
		return this.jdbc.sql("""
				select coalesce(sum(case e.direction when 'credit' then e.amount else -e.amount end), 0)
				  from ledger_transaction t join ledger_entry e on e.transaction_seq = t.seq
				  join ledger_account a on a.number = e.account_number
				 where t.reference = ? and a.code = 'payouts_in_transit'""").param(payout).query(Long.class).single();
	}

	private void assertSumMatchesBalance(String merchant) {
		long sum = 0;
		for (JsonNode row : merchant(merchant).get("/v1/balance_transactions?limit=100").json().get("data")) {
			sum += row.get("net").asLong();
		}
		JsonNode balance = merchant(merchant).get("/v1/balance").json();
		assertThat(sum).isEqualTo(
				BalanceTransactionTests.usd(balance, "available") + BalanceTransactionTests.usd(balance, "pending"));
	}

	private void assertIntact() {
		IntegrityReport report = this.integrity.verify();
		assertThat(report.ok()).as("%s", report.problems()).isTrue();
	}

	private static PayoutSnapshot snapshot(String id, String merchant, long amount, String status) {
		return new PayoutSnapshot(id, "payout", amount, "USD", status, merchant, "ba_test", "3000", "Test Bank", "DE",
				"psp-a", "sim_" + id, "standard", "failed".equals(status) ? "account_closed" : null, Instant.now(),
				false);
	}

}
