package io.emberpay.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.dispute.DisputeClosed;
import io.emberpay.events.dispute.DisputeCreated;
import io.emberpay.events.dispute.DisputeSnapshot;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.RefundSnapshot;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.ledger.dispute.DisputePostings;
import io.emberpay.ledger.fx.FxProperties;
import io.emberpay.ledger.fx.FxSettlement;
import io.emberpay.ledger.fx.RateSource;
import io.emberpay.ledger.fx.SettlementCurrencies;
import io.emberpay.ledger.integrity.IntegrityCheck;
import io.emberpay.ledger.integrity.IntegrityReport;
import io.emberpay.ledger.payment.PaymentPostings;
import io.emberpay.starter.inbox.ReceivedEvent;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A payment in a currency other than the merchant's settlement currency is credited in
 * the settlement currency at a recorded rate, its refunds and disputes convert at that
 * same rate, and every currency of every transaction still balances: the conversion goes
 * through {@code fx_clearing} in each currency, the margin to {@code fx_margin} and the
 * rounding residue to {@code fx_rounding}.
 */
class FxSettlementTests extends LedgerIntegration {

	@Autowired
	private PaymentPostings postings;

	@Autowired
	private DisputePostings disputes;

	@Autowired
	private RateSource rates;

	@Autowired
	private FxProperties fx;

	@Autowired
	private IntegrityCheck integrity;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void aPaymentInAnotherCurrencyIsCreditedInTheSettlementCurrencyAtTheRecordedRate() {
		String merchant = uniqueId("mer");
		settleIn(merchant, "USD");
		PaymentSnapshot payment = capture(merchant, "EUR", 10_000);

		BigDecimal rate = appliedRate("EUR", "USD");
		long settled = rate.multiply(BigDecimal.valueOf(10_000))
			.setScale(0, java.math.RoundingMode.HALF_EVEN)
			.longValueExact();
		long fee = (settled * 290 + 5_000) / 10_000 + 30;
		JsonNode row = rows(merchant).get(0);
		assertThat(row.get("source").asString()).isEqualTo(payment.id());
		assertThat(row.get("currency").asString()).isEqualTo("USD");
		assertThat(row.get("amount").asLong()).isEqualTo(settled);
		assertThat(row.get("fee").asLong()).isEqualTo(fee);
		assertThat(row.get("net").asLong()).isEqualTo(settled - fee);
		assertThat(row.get("exchange_rate").decimalValue()).isEqualByComparingTo(rate);
		assertThat(merchant(merchant).get("/v1/balance_transactions/" + row.get("id").asString()).body())
			.contains("\"exchange_rate\":" + rate.stripTrailingZeros().toPlainString());
		JsonNode balance = merchant(merchant).get("/v1/balance").json();
		assertThat(BalanceTransactionTests.usd(balance, "pending")).isEqualTo(settled - fee);
		// the authorization was held in euros, where it was made: released, nothing is
		// left there
		for (String kind : List.of("available", "pending", "authorized")) {
			for (JsonNode amount : balance.get(kind)) {
				if (!amount.get("currency").asString().equals("USD")) {
					assertThat(amount.get("amount").asLong()).as(kind).isZero();
				}
			}
		}
		// the euros are the platform's to convert, the margin is its income
		String txn = row.get("transaction").asString();
		assertThat(entrySum(txn, "fx_clearing", "EUR")).isEqualTo(10_000);
		assertThat(entrySum(txn, "fx_margin", "USD")).isPositive();
		assertEveryCurrencyBalances();
	}

	@Test
	void partialRefundsConvertAtThePaymentsOwnRateAndAddUpToWhatWasCredited() {
		String merchant = uniqueId("mer");
		settleIn(merchant, "USD");
		PaymentSnapshot payment = capture(merchant, "JPY", 12_345);
		long credited = rows(merchant).get(0).get("net").asLong();
		BigDecimal rate = rows(merchant).get(0).get("exchange_rate").decimalValue();
		// a different rate from now on must not matter to the payment's refunds
		settleIn(merchant, "GBP");

		refund(payment, 1_000, 1_000);
		refund(payment, 4_321, 5_321);
		refund(payment, 7_024, 12_345);

		List<JsonNode> rows = rows(merchant);
		assertThat(rows).hasSize(4);
		for (JsonNode row : rows) {
			assertThat(row.get("currency").asString()).isEqualTo("USD");
			assertThat(row.get("exchange_rate").decimalValue()).isEqualByComparingTo(rate);
		}
		assertThat(rows.stream().mapToLong(row -> row.get("net").asLong()).sum()).isZero();
		assertThat(rows.get(0).get("net").asLong()).isNegative();
		assertThat(credited).isPositive();
		assertEveryCurrencyBalances();
	}

	@Test
	void aDisputeOfAConvertedPaymentTakesAndReturnsTheConvertedAmountAndFee() {
		String merchant = uniqueId("mer");
		settleIn(merchant, "EUR");
		PaymentSnapshot payment = capture(merchant, "USD", 20_000);
		long credited = rows(merchant).get(0).get("amount").asLong();
		DisputeSnapshot dispute = new DisputeSnapshot(uniqueId("dp"), "dispute", payment.id(), merchant, 20_000, 1_500,
				"USD", "fraudulent", "needs_response", "psp-a", "sdp", Instant.now(), Instant.now(), false);

		this.transactions.executeWithoutResult(status -> this.disputes.handle(new ReceivedEvent(null,
				new DisputeCreated(ResourceIds.event(), Instant.now(), dispute), "payments.events", 0, 0)));

		JsonNode opened = rows(merchant).get(0);
		assertThat(opened.get("type").asString()).isEqualTo("dispute");
		assertThat(opened.get("currency").asString()).isEqualTo("EUR");
		assertThat(opened.get("amount").asLong()).isEqualTo(-credited);
		assertThat(opened.get("fee").asLong()).isPositive();
		assertThat(opened.get("exchange_rate").decimalValue())
			.isEqualByComparingTo(rows(merchant).get(1).get("exchange_rate").decimalValue());

		DisputeSnapshot won = new DisputeSnapshot(dispute.id(), "dispute", payment.id(), merchant, 20_000, 1_500, "USD",
				"fraudulent", "won", "psp-a", "sdp", dispute.evidenceDueBy(), dispute.created(), false);
		this.transactions.executeWithoutResult(status -> this.disputes.handle(new ReceivedEvent(null,
				new DisputeClosed(ResourceIds.event(), Instant.now(), won), "payments.events", 0, 0)));

		List<JsonNode> rows = rows(merchant);
		assertThat(rows.get(0).get("net").asLong()).isEqualTo(-rows.get(1).get("net").asLong());
		assertEveryCurrencyBalances();
	}

	/**
	 * The acquirer captured and refunded euros and knows nothing of the conversion: its
	 * settlement report states the amounts and its own fee in euros. The ledger's PSP
	 * movements state the same, and keep the merchant's side (converted amount and
	 * platform fee) in the settlement currency they name, so no row mixes currencies and
	 * the report reconciles without an exception.
	 */
	@Test
	void aConvertedCaptureAndItsRefundReconcileCleanInTheCurrencyTheAcquirerSettled() {
		String merchant = uniqueId("mer");
		settleIn(merchant, "USD");
		String psp = "psp-fx" + Long.toString(System.nanoTime() % 10_000_000);
		PaymentSnapshot payment = capture(merchant, "EUR", 10_000, false, psp);
		refund(payment, 4_000, 4_000);
		List<JsonNode> rows = rows(merchant);
		JsonNode captured = rows.get(1);
		JsonNode refunded = rows.get(0);
		BigDecimal rate = captured.get("exchange_rate").decimalValue();

		Map<String, Object> capture = movement("capture", payment.id());
		assertThat(capture).containsEntry("amount", 10_000L)
			.containsEntry("currency", "EUR")
			.containsEntry("settlement_currency", "USD")
			.containsEntry("settlement_amount", captured.get("amount").asLong())
			.containsEntry("platform_fee", captured.get("fee").asLong());
		assertThat((BigDecimal) capture.get("exchange_rate")).isEqualByComparingTo(rate);
		String refundId = this.jdbc
			.sql("select reference from psp_movement where type = 'refund' and psp = ? and reference like 're_%'")
			.param(psp)
			.query(String.class)
			.single();
		Map<String, Object> refund = movement("refund", refundId);
		assertThat(refund).containsEntry("amount", 4_000L)
			.containsEntry("currency", "EUR")
			.containsEntry("settlement_currency", "USD")
			.containsEntry("settlement_amount", -refunded.get("amount").asLong())
			.containsEntry("platform_fee", -refunded.get("fee").asLong());

		FakePspSettlements.serve(psp, "2026-11-25", """
				psp_reference,type,reference,amount,currency,fee,settled_at
				auth_%1$s,capture,%1$s,10000,EUR,320,2026-11-25T06:00:00Z
				rf_%2$s,refund,%2$s,4000,EUR,15,2026-11-25T07:00:00Z
				""".formatted(payment.id(), refundId));
		ApiClient.Response report = operator().post("/internal/v1/reconciliations",
				Map.of("psp", psp, "date", "2026-11-25"));

		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.json().get("exceptions")).isEmpty();
		assertThat(report.json().get("settled").asInt()).isEqualTo(2);
		assertThat(balanceOf(accountId("psp_receivable:" + psp, "EUR")).get("available").asLong()).isZero();
		assertEveryCurrencyBalances();
	}

	@Test
	void aDisputeOfAConvertedPaymentKeepsItsFeeInTheSettlementCurrencyOfItsMovement() {
		String merchant = uniqueId("mer");
		settleIn(merchant, "EUR");
		PaymentSnapshot payment = capture(merchant, "USD", 20_000);
		DisputeSnapshot dispute = new DisputeSnapshot(uniqueId("dp"), "dispute", payment.id(), merchant, 20_000, 1_500,
				"USD", "fraudulent", "needs_response", "psp-a", "sdp", Instant.now(), Instant.now(), false);

		this.transactions.executeWithoutResult(status -> this.disputes.handle(new ReceivedEvent(null,
				new DisputeCreated(ResourceIds.event(), Instant.now(), dispute), "payments.events", 0, 0)));

		JsonNode opened = rows(merchant).get(0);
		Map<String, Object> movement = movement("dispute", payment.id());
		assertThat(movement).containsEntry("amount", 20_000L)
			.containsEntry("currency", "USD")
			.containsEntry("settlement_currency", "EUR")
			.containsEntry("settlement_amount", -opened.get("amount").asLong())
			.containsEntry("platform_fee", opened.get("fee").asLong());
		assertThat(opened.get("fee").asLong()).isNotEqualTo(1_500L);
	}

	@Test
	void aPaymentInTheSettlementCurrencyHasOneCurrencyAndNoRateInItsMovement() {
		String merchant = uniqueId("mer");
		settleIn(merchant, "EUR");
		PaymentSnapshot payment = capture(merchant, "EUR", 5_000);

		JsonNode captured = rows(merchant).get(0);
		assertThat(movement("capture", payment.id())).containsEntry("amount", 5_000L)
			.containsEntry("currency", "EUR")
			.containsEntry("settlement_amount", 5_000L)
			.containsEntry("settlement_currency", "EUR")
			.containsEntry("platform_fee", captured.get("fee").asLong())
			.containsEntry("exchange_rate", null);
	}

	@Test
	void aRecordedConversionCannotBeChangedOrRemoved() {
		String merchant = uniqueId("mer");
		settleIn(merchant, "USD");
		PaymentSnapshot payment = capture(merchant, "EUR", 1_000);

		for (String sql : List.of("update fx_conversion set exchange_rate = 2 where payment = '%s'",
				"delete from fx_conversion where payment = '%s'")) {
			assertThatThrownBy(() -> this.transactions
				.executeWithoutResult(status -> this.jdbc.sql(sql.formatted(payment.id())).update()))
				.isInstanceOf(DataAccessException.class)
				.rootCause()
				.hasMessageContaining("insert-only");
		}
	}

	@Test
	void aMerchantWhoChoseNothingKeepsABalanceInEachCurrencyItIsPaidIn() {
		String merchant = uniqueId("mer");
		assertThat(merchant(merchant).get("/v1/balance/settings").json().get("settlement_currency").isNull()).isTrue();

		capture(merchant, "GBP", 5_000);
		capture(merchant, "EUR", 5_000);

		assertThat(merchant(merchant).get("/v1/balance/settings").json().get("settlement_currency").isNull()).isTrue();
		List<JsonNode> rows = rows(merchant);
		assertThat(rows).extracting(row -> row.get("currency").asString()).containsExactly("EUR", "GBP");
		assertThat(rows).noneMatch(row -> row.has("exchange_rate"));
		assertEveryCurrencyBalances();
	}

	@Test
	void withTheFirstCurrencyAsDefaultAMerchantSettlesInItsFirstPaymentsCurrency() {
		SettlementCurrencies firstByDefault = new SettlementCurrencies(this.jdbc,
				new FxProperties(100, "classpath:fx/rates.csv", true));
		String merchant = uniqueId("mer");

		assertThat(firstByDefault.settlementCurrency(merchant, false, "GBP")).isEqualTo("GBP");
		assertThat(firstByDefault.settlementCurrency(merchant, false, "EUR")).isEqualTo("GBP");
		assertThat(merchant(merchant).get("/v1/balance/settings").json().get("settlement_currency").asString())
			.isEqualTo("GBP");
		settleIn(merchant, "EUR");
		assertThat(firstByDefault.settlementCurrency(merchant, false, "GBP")).isEqualTo("EUR");
	}

	@Test
	void aSettlementCurrencyIsAnIsoCurrencyChosenByTheMerchantItself() {
		String merchant = uniqueId("mer");
		ApiClient.Response lower = merchant(merchant).send("PUT", "/v1/balance/settings",
				Map.of("settlement_currency", "usd"), Map.of());
		assertThat(lower.status()).isEqualTo(400);
		assertThat(lower.text("param")).isEqualTo("settlement_currency");
		ApiClient.Response missing = merchant(merchant).send("PUT", "/v1/balance/settings", Map.of(), Map.of());
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.text("param")).isEqualTo("settlement_currency");
		assertThat(operator().get("/v1/balance/settings").status()).isEqualTo(403);
		ApiClient.Response chosen = merchant(merchant).send("PUT", "/v1/balance/settings",
				Map.of("settlement_currency", "CHF"), Map.of());
		assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
		assertThat(chosen.text("settlement_currency")).isEqualTo("CHF");
		assertThat(merchant(uniqueId("mer")).get("/v1/balance/settings").json().get("settlement_currency").isNull())
			.isTrue();
	}

	@Test
	void eachModeHasItsOwnSettlementCurrencyAndConvertsInItsOwnAccounts() {
		String merchant = uniqueId("mer");
		ApiClient.Response live = merchant(merchant, true).send("PUT", "/v1/balance/settings",
				Map.of("settlement_currency", "USD"), Map.of());
		assertThat(live.status()).as(live.body()).isEqualTo(200);
		assertThat(merchant(merchant, false).get("/v1/balance/settings").json().get("settlement_currency").isNull())
			.isTrue();
		assertThat(merchant(merchant, true).get("/v1/balance/settings").text("settlement_currency")).isEqualTo("USD");

		PaymentSnapshot livePayment = capture(merchant, "EUR", 10_000, true);
		PaymentSnapshot testPayment = capture(merchant, "EUR", 10_000, false);

		// live converts into USD, test (no settlement currency) stays in EUR
		assertThat(this.jdbc.sql("select livemode from fx_conversion where payment = ?")
			.param(livePayment.id())
			.query(Boolean.class)
			.list()).containsExactly(true);
		assertThat(this.jdbc.sql("select count(*) from fx_conversion where payment = ?")
			.param(testPayment.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(accountId(FxSettlement.FX_CLEARING, "USD", true)).isNotNull();
		JsonNode liveRow = merchant(merchant, true).get("/v1/balance_transactions?limit=10").json().get("data").get(0);
		assertThat(liveRow.get("currency").asString()).isEqualTo("USD");
		assertThat(liveRow.get("livemode").asBoolean()).isTrue();
		assertThat(liveRow.has("exchange_rate")).isTrue();
		JsonNode testRow = merchant(merchant, false).get("/v1/balance_transactions?limit=10").json().get("data").get(0);
		assertThat(testRow.get("currency").asString()).isEqualTo("EUR");
		assertThat(testRow.get("livemode").asBoolean()).isFalse();
		assertThat(testRow.has("exchange_rate")).isFalse();
		assertEveryCurrencyBalances();
	}

	private void settleIn(String merchant, String currency) {
		ApiClient.Response response = merchant(merchant).send("PUT", "/v1/balance/settings",
				Map.of("settlement_currency", currency), Map.of());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private BigDecimal appliedRate(String from, String to) {
		BigDecimal mid = this.rates.rate(from, to, LocalDate.now(ZoneOffset.UTC)).orElseThrow().rate();
		return mid.multiply(BigDecimal.valueOf(10_000L - this.fx.marginBps()))
			.divide(BigDecimal.valueOf(10_000L), 12, java.math.RoundingMode.HALF_EVEN);
	}

	private PaymentSnapshot capture(String merchant, String currency, long amount) {
		return capture(merchant, currency, amount, false);
	}

	private PaymentSnapshot capture(String merchant, String currency, long amount, boolean livemode) {
		return capture(merchant, currency, amount, livemode, "psp-a");
	}

	private PaymentSnapshot capture(String merchant, String currency, long amount, boolean livemode, String psp) {
		String id = uniqueId("pay");
		PaymentSnapshot authorized = inMode(snapshot(id, merchant, currency, amount, 0, 0, "requires_capture", psp),
				livemode);
		PaymentSnapshot captured = inMode(snapshot(id, merchant, currency, amount, amount, 0, "succeeded", psp),
				livemode);
		this.transactions.executeWithoutResult(status -> {
			handle(new PaymentAuthorized(ResourceIds.event(), Instant.now(), authorized));
			handle(new PaymentCaptured(ResourceIds.event(), Instant.now(), captured));
		});
		return captured;
	}

	private void refund(PaymentSnapshot payment, long amount, long refundedAfter) {
		PaymentSnapshot after = snapshot(payment.id(), payment.merchant(), payment.currency(), payment.amount(),
				payment.amountReceived(), refundedAfter, "succeeded", payment.psp());
		RefundSnapshot refund = new RefundSnapshot(uniqueId("re"), "refund", payment.id(), amount, payment.currency(),
				"succeeded", payment.merchant(), payment.psp(), "psp_re", null, "req_re", Instant.now());
		this.transactions.executeWithoutResult(
				status -> handle(new RefundSucceeded(ResourceIds.event(), Instant.now(), refund, after)));
	}

	private void handle(PaymentEvent event) {
		this.postings.handle(new ReceivedEvent(null, event, "payments.events", 0, 0));
	}

	private List<JsonNode> rows(String merchant) {
		ApiClient.Response response = merchant(merchant).get("/v1/balance_transactions?limit=100");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<JsonNode> rows = new java.util.ArrayList<>();
		response.json().get("data").forEach(rows::add);
		return rows;
	}

	/** What the transaction credited (less debited) on the account of this code. */
	private long entrySum(String transaction, String code, String currency) {
		return this.jdbc.sql("""
				select coalesce(sum(case e.direction when 'credit' then e.amount else -e.amount end), 0)
				  from ledger_entry e join ledger_transaction t on t.seq = e.transaction_seq
				  join ledger_account a on a.number = e.account_number
				 where t.id = ? and a.code = ? and a.currency = ?""")
			.params(transaction, code, currency)
			.query(Long.class)
			.single();
	}

	private void assertEveryCurrencyBalances() {
		assertThat(this.jdbc.sql("""
				select count(*) from (
				    select e.transaction_seq from ledger_entry e group by e.transaction_seq, e.currency, e.phase
				    having sum(case e.direction when 'debit' then e.amount else -e.amount end) <> 0) unbalanced""")
			.query(Long.class)
			.single()).isZero();
		IntegrityReport report = this.integrity.verify();
		assertThat(report.ok()).as("%s", report.problems()).isTrue();
	}

	private static PaymentSnapshot snapshot(String id, String merchant, String currency, long amount, long received,
			long refunded, String status) {
		return snapshot(id, merchant, currency, amount, received, refunded, status, "psp-a");
	}

	private static PaymentSnapshot snapshot(String id, String merchant, String currency, long amount, long received,
			long refunded, String status, String psp) {
		return new PaymentSnapshot(id, "payment", amount, currency, status, "manual", amount - received, received,
				refunded, merchant, "usr_fx", "pm_test", null, psp, "auth_" + id, null, null, Map.of(), null, null,
				false, "req_" + id, Instant.now());
	}

	/** The PSP movement's money columns, each beside the currency it is in. */
	private Map<String, Object> movement(String type, String reference) {
		return this.jdbc.sql("""
				select amount, currency, platform_fee, settlement_amount, settlement_currency, exchange_rate
				  from psp_movement where type = ? and reference = ?""").params(type, reference).query((rs, row) -> {
			Map<String, Object> columns = new java.util.HashMap<>();
			columns.put("amount", rs.getLong("amount"));
			columns.put("currency", rs.getString("currency"));
			columns.put("platform_fee", rs.getLong("platform_fee"));
			columns.put("settlement_amount", rs.getLong("settlement_amount"));
			columns.put("settlement_currency", rs.getString("settlement_currency"));
			columns.put("exchange_rate", rs.getBigDecimal("exchange_rate"));
			return columns;
		}).single();
	}

}
