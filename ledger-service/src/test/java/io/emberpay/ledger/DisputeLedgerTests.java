package io.emberpay.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.dispute.DisputeClosed;
import io.emberpay.events.dispute.DisputeCreated;
import io.emberpay.events.dispute.DisputeSnapshot;
import io.emberpay.events.dispute.DisputeUpdated;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.ledger.funds.FundsRelease;
import io.emberpay.ledger.integrity.IntegrityCheck;
import io.emberpay.ledger.integrity.IntegrityReport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dispute withdraws the disputed amount and the fee from the merchant's available
 * balance when it opens; won, both come back; lost, they stay gone. Each movement is a
 * {@code dispute} balance transaction naming the {@code dp_} and the ledger stays intact.
 */
class DisputeLedgerTests extends LedgerIntegration {

	private static final long AVAILABLE = 9_680;

	@Autowired
	private FundsRelease release;

	@Autowired
	private IntegrityCheck integrity;

	@Test
	void wonDisputeReturnsTheAmountAndTheFee() {
		String merchant = merchantWithAvailableFunds();
		DisputeSnapshot dispute = dispute(merchant, 3_000, 1_500, "needs_response");

		publish(new DisputeCreated(ResourceIds.event(), Instant.now(), dispute));

		await().atMost(eventually()).until(() -> available(merchant) == AVAILABLE - 4_500);
		JsonNode opened = disputeRows(merchant).get(0);
		assertThat(opened.get("source").asString()).isEqualTo(dispute.id());
		assertThat(opened.get("amount").asLong()).isEqualTo(-3_000);
		assertThat(opened.get("fee").asLong()).isEqualTo(1_500);
		assertThat(opened.get("net").asLong()).isEqualTo(-4_500);
		assertThat(opened.get("status").asString()).isEqualTo("available");
		assertIntact();

		publish(new DisputeUpdated(ResourceIds.event(), Instant.now(), with(dispute, "under_review")),
				new DisputeClosed(ResourceIds.event(), Instant.now(), with(dispute, "won")));

		await().atMost(eventually()).until(() -> available(merchant) == AVAILABLE);
		List<JsonNode> rows = disputeRows(merchant);
		assertThat(rows).extracting(row -> row.get("net").asLong()).containsExactly(4_500L, -4_500L);
		assertThat(rows.get(0).get("fee").asLong()).isEqualTo(-1_500);
		assertSumMatchesBalance(merchant);
		assertIntact();
	}

	@Test
	void lostDisputeKeepsTheMoneyGoneEvenBelowZero() {
		String merchant = merchantWithAvailableFunds();
		DisputeSnapshot dispute = dispute(merchant, 10_000, 1_500, "needs_response");

		DisputeClosed lost = new DisputeClosed(ResourceIds.event(), Instant.now(), with(dispute, "lost"));
		publish(new DisputeCreated(ResourceIds.event(), Instant.now(), dispute), lost);

		await().atMost(eventually())
			.until(() -> this.jdbc.sql("select count(*) from inbox_event where event_id = ?")
				.param(lost.eventId())
				.query(Long.class)
				.single() == 1);
		assertThat(available(merchant)).isEqualTo(AVAILABLE - 11_500);
		assertThat(disputeRows(merchant)).hasSize(1);
		assertSumMatchesBalance(merchant);
		assertIntact();
	}

	@Test
	void reconciliationMatchesTheDisputeDebitByTheDisputedPayment() {
		String psp = "psp-d" + Long.toString(System.nanoTime() % 100_000);
		String merchant = uniqueId("mer");
		DisputeSnapshot dispute = new DisputeSnapshot(uniqueId("dp"), "dispute", uniqueId("pay"), merchant, 2_000,
				1_500, "USD", "fraudulent", "needs_response", psp, "sdp_9", Instant.now().plus(Duration.ofDays(7)),
				Instant.now(), false);
		publish(new DisputeCreated(ResourceIds.event(), Instant.now(), dispute));
		await().atMost(eventually())
			.until(() -> this.jdbc.sql("select count(*) from psp_movement where type = 'dispute' and reference = ?")
				.param(dispute.payment())
				.query(Long.class)
				.single() == 1);
		String csv = """
				psp_reference,type,reference,amount,currency,fee,settled_at
				sdp_9,dispute,%s,2000,USD,1500,2026-11-24T06:00:00Z
				sdp_8,dispute,pay_neverdisputed00000000000,900,USD,1500,2026-11-24T06:00:00Z
				""".formatted(dispute.payment());
		FakePspSettlements.serve(psp, "2026-11-24", csv);

		var report = operator().post("/internal/v1/reconciliations",
				java.util.Map.of("psp", psp, "date", "2026-11-24"));

		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.json().get("settled").asInt()).isEqualTo(1);
		assertThat(report.json().get("exceptions")).hasSize(1);
		assertThat(report.json().get("exceptions").toString()).contains("unmatched");
	}

	private String merchantWithAvailableFunds() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		publish(new PaymentCaptured(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 10_000, 10_000, 0, "succeeded")));
		await().atMost(eventually())
			.until(() -> this.jdbc.sql("select count(*) from balance_transaction where source = ?")
				.param(pay)
				.query(Long.class)
				.single() == 1);
		this.release.releaseBatch(Instant.now().plus(Duration.ofDays(3)));
		return merchant;
	}

	private static DisputeSnapshot dispute(String merchant, long amount, long fee, String status) {
		return new DisputeSnapshot(uniqueId("dp"), "dispute", uniqueId("pay"), merchant, amount, fee, "USD",
				"fraudulent", status, "psp-a", "sdp_1", Instant.now().plus(Duration.ofDays(7)), Instant.now(), false);
	}

	private static DisputeSnapshot with(DisputeSnapshot d, String status) {
		return new DisputeSnapshot(d.id(), d.object(), d.payment(), d.merchant(), d.amount(), d.fee(), d.currency(),
				d.reason(), status, d.psp(), d.pspReference(), d.evidenceDueBy(), d.created(), d.livemode());
	}

	private long available(String merchant) {
		return BalanceTransactionTests.usd(merchant(merchant).get("/v1/balance").json(), "available");
	}

	private List<JsonNode> disputeRows(String merchant) {
		List<JsonNode> rows = new ArrayList<>();
		merchant(merchant).get("/v1/balance_transactions?limit=100").json().get("data").forEach(row -> {
			if (row.get("type").asString().equals("dispute")) {
				rows.add(row);
			}
		});
		return rows;
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

}
