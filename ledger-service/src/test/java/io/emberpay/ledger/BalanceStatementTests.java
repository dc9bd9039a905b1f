package io.emberpay.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.dispute.DisputeCreated;
import io.emberpay.events.dispute.DisputeSnapshot;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.RefundSnapshot;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.ledger.dispute.DisputePostings;
import io.emberpay.ledger.payment.PaymentPostings;
import io.emberpay.starter.inbox.ReceivedEvent;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/reports/balance}: per currency, the opening balance, every movement in
 * the range and the closing balance, as CSV; the opening balance plus the movements' nets
 * is the closing balance, which is the merchant's balance at {@code to}.
 */
class BalanceStatementTests extends LedgerIntegration {

	@Autowired
	private PaymentPostings postings;

	@Autowired
	private DisputePostings disputes;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void theStatementReconcilesTheOpeningBalanceAndEachMovementToTheClosingBalance() {
		String merchant = uniqueId("mer");
		settleIn(merchant, "USD");
		capture(merchant, "USD", 10_000);
		capture(merchant, "JPY", 3_000);
		Instant from = tick();
		long openingBalance = balance(merchant, "USD");
		PaymentSnapshot euros = capture(merchant, "EUR", 25_000);
		PaymentSnapshot dollars = capture(merchant, "USD", 7_000);
		refund(euros, 5_000, 5_000);
		refund(dollars, 7_000, 7_000);
		dispute(euros, 10_000);
		long closingBalance = balance(merchant, "USD");
		Instant to = tick();
		capture(merchant, "USD", 99_999);

		ApiClient.Response response = merchant(merchant).get("/v1/reports/balance?from=" + from + "&to=" + to);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("text/csv");
		List<Map<String, String>> lines = csv(response.body());
		assertThat(lines).extracting(line -> line.get("currency")).containsOnly("USD");
		assertThat(lines.get(0).get("line")).isEqualTo("opening_balance");
		assertThat(lines.get(lines.size() - 1).get("line")).isEqualTo("closing_balance");
		List<Map<String, String>> movements = lines.subList(1, lines.size() - 1);
		assertThat(movements).extracting(line -> line.get("type"))
			.containsExactly("payment", "payment", "refund", "refund", "dispute");
		assertThat(movements.get(0).get("source")).isEqualTo(euros.id());
		assertThat(movements.get(1).get("source")).isEqualTo(dollars.id());
		assertThat(movements.get(4).get("source")).startsWith("dp_");
		assertThat(movements.get(0).get("exchange_rate")).isNotEmpty();
		assertThat(movements.get(1).get("exchange_rate")).isEmpty();
		assertThat(movements.get(2).get("exchange_rate")).isEqualTo(movements.get(0).get("exchange_rate"));
		long opening = Long.parseLong(lines.get(0).get("balance"));
		long closing = Long.parseLong(lines.get(lines.size() - 1).get("balance"));
		long running = opening;
		for (Map<String, String> movement : movements) {
			assertThat(movement.get("id")).startsWith("btx_");
			long gross = Long.parseLong(movement.get("gross"));
			long fee = Long.parseLong(movement.get("fee"));
			long net = Long.parseLong(movement.get("net"));
			assertThat(gross - fee).isEqualTo(net);
			running += net;
			assertThat(Long.parseLong(movement.get("balance"))).isEqualTo(running);
		}
		assertThat(running).isEqualTo(closing);
		assertThat(opening).isEqualTo(openingBalance);
		assertThat(closing).isEqualTo(closingBalance);
	}

	@Test
	void datesMeanMidnightUtcAndAnotherMerchantsMovementsNeverShow() {
		String merchant = uniqueId("mer");
		capture(merchant, "EUR", 4_000);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);

		List<Map<String, String>> lines = csv(
				merchant(merchant).get("/v1/reports/balance?from=" + today + "&to=" + today.plusDays(1)).body());
		assertThat(lines).extracting(line -> line.get("line"))
			.containsExactly("opening_balance", "movement", "closing_balance");
		assertThat(lines.get(0).get("balance")).isEqualTo("0");
		assertThat(lines.get(0).get("created")).isEqualTo(today + "T00:00:00Z");

		ApiClient.Response other = merchant(uniqueId("mer"))
			.get("/v1/reports/balance?from=" + today + "&to=" + today.plusDays(1));
		assertThat(other.status()).isEqualTo(200);
		assertThat(other.body().strip())
			.isEqualTo("currency,line,id,created,type,source,gross,fee,net,exchange_rate,balance");
	}

	@Test
	void aTestKeysStatementNeverShowsLiveMovementsNorALiveKeysTestOnes() {
		String merchant = uniqueId("mer");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String range = "/v1/reports/balance?from=" + today + "&to=" + today.plusDays(1);
		ApiClient.Response settle = merchant(merchant, true).send("PUT", "/v1/balance/settings",
				Map.of("settlement_currency", "USD"), Map.of());
		assertThat(settle.status()).as(settle.body()).isEqualTo(200);
		PaymentSnapshot live = capture(merchant, "EUR", 8_000, true);
		PaymentSnapshot test = capture(merchant, "EUR", 3_000, false);

		List<Map<String, String>> testLines = csv(merchant(merchant, false).get(range).body());
		assertThat(testLines).extracting(line -> line.get("currency")).containsOnly("EUR");
		assertThat(testLines).filteredOn(line -> line.get("line").equals("movement"))
			.extracting(line -> line.get("source"))
			.containsExactly(test.id());
		assertThat(testLines.get(testLines.size() - 1).get("balance"))
			.isEqualTo(String.valueOf(balance(merchant, "EUR")));

		List<Map<String, String>> liveLines = csv(merchant(merchant, true).get(range).body());
		assertThat(liveLines).extracting(line -> line.get("currency")).containsOnly("USD");
		assertThat(liveLines).filteredOn(line -> line.get("line").equals("movement"))
			.extracting(line -> line.get("source"))
			.containsExactly(live.id());
		assertThat(liveLines).filteredOn(line -> line.get("line").equals("movement"))
			.extracting(line -> line.get("exchange_rate"))
			.doesNotContain("");
	}

	@Test
	void aRangeThatIsBackwardsTooLongOrUnreadableIsRefusedNamingTheParameter() {
		ApiClient client = merchant(uniqueId("mer"));
		assertRefused(client.get("/v1/reports/balance?from=2026-12-07&to=2026-12-07"), "to");
		assertRefused(client.get("/v1/reports/balance?from=2026-12-07&to=2026-12-01"), "to");
		assertRefused(client.get("/v1/reports/balance?from=2026-01-01&to=2026-12-01"), "to");
		assertRefused(client.get("/v1/reports/balance?from=yesterday&to=2026-12-01"), "from");
		assertRefused(client.get("/v1/reports/balance?from=2026-12-01"), "to");
		assertRefused(client.get("/v1/reports/balance?from=2026-12-01T00:00:00&to=2026-12-02"), "from");
		assertThat(operator().get("/v1/reports/balance?from=2026-12-01&to=2026-12-02").status()).isEqualTo(403);
		assertThat(api().get("/v1/reports/balance?from=2026-12-01&to=2026-12-02").status()).isEqualTo(401);
	}

	private static void assertRefused(ApiClient.Response response, String param) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo(param);
	}

	/** A time strictly after every posting so far, and passed before the next. */
	private static Instant tick() {
		Instant mark = Instant.now().plusMillis(2);
		await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(mark.plusMillis(2)));
		return mark;
	}

	private static List<Map<String, String>> csv(String body) {
		List<String> rows = body.lines().toList();
		String[] header = rows.get(0).split(",", -1);
		List<Map<String, String>> lines = new ArrayList<>();
		for (String row : rows.subList(1, rows.size())) {
			String[] fields = row.split(",", -1);
			assertThat(fields).hasSameSizeAs(header);
			Map<String, String> line = new HashMap<>();
			for (int i = 0; i < header.length; i++) {
				line.put(header[i], fields[i]);
			}
			lines.add(line);
		}
		return lines;
	}

	private long balance(String merchant, String currency) {
		JsonNode balance = merchant(merchant).get("/v1/balance").json();
		long total = 0;
		for (String kind : List.of("available", "pending")) {
			for (JsonNode amount : balance.get(kind)) {
				if (amount.get("currency").asString().equals(currency)) {
					total += amount.get("amount").asLong();
				}
			}
		}
		return total;
	}

	private void settleIn(String merchant, String currency) {
		ApiClient.Response response = merchant(merchant).send("PUT", "/v1/balance/settings",
				Map.of("settlement_currency", currency), Map.of());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private PaymentSnapshot capture(String merchant, String currency, long amount) {
		return capture(merchant, currency, amount, false);
	}

	private PaymentSnapshot capture(String merchant, String currency, long amount, boolean livemode) {
		String id = uniqueId("pay");
		PaymentSnapshot authorized = inMode(snapshot(id, merchant, currency, amount, 0, 0, "requires_capture"),
				livemode);
		PaymentSnapshot captured = inMode(snapshot(id, merchant, currency, amount, amount, 0, "succeeded"), livemode);
		this.transactions.executeWithoutResult(status -> {
			handle(new PaymentAuthorized(ResourceIds.event(), Instant.now(), authorized));
			handle(new PaymentCaptured(ResourceIds.event(), Instant.now(), captured));
		});
		return captured;
	}

	private void refund(PaymentSnapshot payment, long amount, long refundedAfter) {
		PaymentSnapshot after = snapshot(payment.id(), payment.merchant(), payment.currency(), payment.amount(),
				payment.amountReceived(), refundedAfter, "succeeded");
		RefundSnapshot refund = new RefundSnapshot(uniqueId("re"), "refund", payment.id(), amount, payment.currency(),
				"succeeded", payment.merchant(), payment.psp(), "psp_re", null, "req_re", Instant.now());
		this.transactions.executeWithoutResult(
				status -> handle(new RefundSucceeded(ResourceIds.event(), Instant.now(), refund, after)));
	}

	private void dispute(PaymentSnapshot payment, long amount) {
		DisputeSnapshot dispute = new DisputeSnapshot(uniqueId("dp"), "dispute", payment.id(), payment.merchant(),
				amount, 1_500, payment.currency(), "fraudulent", "needs_response", payment.psp(), "sdp", Instant.now(),
				Instant.now(), payment.livemode());
		this.transactions.executeWithoutResult(status -> this.disputes.handle(new ReceivedEvent(null,
				new DisputeCreated(ResourceIds.event(), Instant.now(), dispute), "payments.events", 0, 0)));
	}

	private void handle(PaymentEvent event) {
		this.postings.handle(new ReceivedEvent(null, event, "payments.events", 0, 0));
	}

	private static PaymentSnapshot snapshot(String id, String merchant, String currency, long amount, long received,
			long refunded, String status) {
		return new PaymentSnapshot(id, "payment", amount, currency, status, "manual", amount - received, received,
				refunded, merchant, "usr_statement", "pm_test", null, "psp-a", "auth_" + id, null, null, Map.of(), null,
				null, false, "req_" + id, Instant.now());
	}

}
