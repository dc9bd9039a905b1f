package io.emberpay.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.ledger.funds.FundsRelease;
import io.emberpay.ledger.integrity.IntegrityCheck;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /v1/balance_transactions}: each movement of a merchant's balance with its
 * source, gross, fee and net, pending until it falls due (T+2 by default) and then made
 * available by a ledger transfer.
 */
class BalanceTransactionTests extends LedgerIntegration {

	@Autowired
	private FundsRelease release;

	@Autowired
	private IntegrityCheck integrity;

	@Test
	void paymentAndRefundAreListedWithGrossFeeNetAndWhenTheyBecomeAvailable() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		String re = uniqueId("re");
		PaymentSnapshot captured = payment(pay, merchant, "psp-a", 10_000, 10_000, 0, "succeeded");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 10_000, 0, 0, "requires_capture")),
				new PaymentCaptured(ResourceIds.event(), Instant.now(), captured),
				new RefundSucceeded(ResourceIds.event(), Instant.now(), refund(re, captured, 4_000),
						payment(pay, merchant, "psp-a", 10_000, 10_000, 4_000, "succeeded")));

		await().atMost(eventually()).until(() -> list(merchant, "").get("data").size() == 2);
		JsonNode data = list(merchant, "").get("data");
		JsonNode refund = data.get(0);
		JsonNode payment = data.get(1);
		assertThat(payment.get("type").asString()).isEqualTo("payment");
		assertThat(payment.get("source").asString()).isEqualTo(pay);
		assertThat(payment.get("amount").asLong()).isEqualTo(10_000);
		assertThat(payment.get("fee").asLong()).isEqualTo(320);
		assertThat(payment.get("net").asLong()).isEqualTo(9_680);
		assertThat(payment.get("currency").asString()).isEqualTo("USD");
		assertThat(payment.get("status").asString()).isEqualTo("pending");
		assertThat(Duration.between(Instant.parse(payment.get("created").asString()),
				Instant.parse(payment.get("available_on").asString())))
			.isEqualTo(Duration.ofDays(2));
		assertThat(refund.get("type").asString()).isEqualTo("refund");
		assertThat(refund.get("source").asString()).isEqualTo(re);
		assertThat(refund.get("amount").asLong()).isEqualTo(-4_000);
		assertThat(refund.get("fee").asLong()).isEqualTo(-128);
		assertThat(refund.get("net").asLong()).isEqualTo(-3_872);
		assertThat(refund.get("available_on").asString()).isEqualTo(refund.get("created").asString());

		this.release.releaseBatch(Instant.now().plus(Duration.ofDays(3)));

		JsonNode balance = merchant(merchant).get("/v1/balance").json();
		assertThat(usd(balance, "available")).isEqualTo(9_680 - 3_872);
		assertThat(usd(balance, "pending")).isZero();
		JsonNode released = list(merchant, "").get("data");
		assertThat(released).allSatisfy(row -> assertThat(row.get("status").asString()).isEqualTo("available"));
		ApiClient.Response one = merchant(merchant).get("/v1/balance_transactions/" + payment.get("id").asString());
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().get("status").asString()).isEqualTo("available");
		assertThat(this.integrity.verify().ok()).isTrue();
	}

	@Test
	void aPaymentThatPaidAnInvoiceAndItsRefundNameTheInvoice() {
		String merchant = uniqueId("mer");
		String invoice = uniqueId("in");
		String pay = uniqueId("pay");
		PaymentSnapshot captured = withMetadata(payment(pay, merchant, "psp-a", 2_000, 2_000, 0, "succeeded"),
				Map.of("invoice", invoice, "invoice_attempt", "1"));
		PaymentSnapshot refunded = withMetadata(payment(pay, merchant, "psp-a", 2_000, 2_000, 500, "succeeded"),
				Map.of("invoice", invoice, "invoice_attempt", "1"));
		String other = uniqueId("pay");
		publish(new PaymentCaptured(ResourceIds.event(), Instant.now(), captured),
				new RefundSucceeded(ResourceIds.event(), Instant.now(), refund(uniqueId("re"), captured, 500),
						refunded),
				// only an invoice id is taken from the metadata, never other text
				new PaymentCaptured(ResourceIds.event(), Instant.now(),
						withMetadata(payment(other, merchant, "psp-a", 1_000, 1_000, 0, "succeeded"),
								Map.of("invoice", "in_x jane@example.com"))));

		await().atMost(eventually()).until(() -> list(merchant, "").get("data").size() == 3);
		JsonNode data = list(merchant, "").get("data");
		assertThat(data.get(0).get("source").asString()).isEqualTo(other);
		JsonNode none = data.get(0).path("description");
		assertThat(none.isMissingNode() || none.isNull()).as("%s", data.get(0)).isTrue();
		assertThat(data.get(1).get("type").asString()).isEqualTo("refund");
		assertThat(data.get(1).get("description").asString()).isEqualTo("Refund of invoice " + invoice);
		assertThat(data.get(2).get("source").asString()).isEqualTo(pay);
		assertThat(data.get(2).get("description").asString()).isEqualTo("Invoice " + invoice);
		assertThat(this.jdbc.sql("select count(*) from ledger_transaction where description like '%jane%'")
			.query(Long.class)
			.single()).isZero();
	}

	private static PaymentSnapshot withMetadata(PaymentSnapshot p, Map<String, String> metadata) {
		return new PaymentSnapshot(p.id(), p.object(), p.amount(), p.currency(), p.status(), p.captureMethod(),
				p.amountCapturable(), p.amountReceived(), p.amountRefunded(), p.merchant(), p.user(), p.paymentMethod(),
				p.card(), p.psp(), p.pspReference(), p.failureCode(), p.description(), metadata, p.fraud(), p.device(),
				p.livemode(), p.requestId(), p.created());
	}

	@Test
	void releasingAgainMovesNothingTwice() {
		String merchant = "mer_instant";
		String pay = uniqueId("pay");
		publish(new PaymentCaptured(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 1_000, 1_000, 0, "succeeded")));
		await().atMost(eventually())
			.until(() -> this.jdbc.sql("select count(*) from balance_transaction where source = ?")
				.param(pay)
				.query(Long.class)
				.single() == 1);

		// the merchant's own delay is zero: due at once
		this.release.releaseBatch(Instant.now());
		this.release.releaseBatch(Instant.now());
		this.release.releaseDue();

		assertThat(this.jdbc.sql("""
				select count(*) from ledger_transaction t join balance_transaction b on t.reference = b.id
				 where b.source = ? and t.kind = 'funds_available'""").param(pay).query(Long.class).single())
			.isEqualTo(1L);
		assertThat(this.jdbc.sql("select status from balance_transaction where source = ?")
			.param(pay)
			.query(String.class)
			.single()).isEqualTo("available");
	}

	@Test
	void pagesWalkEveryMovementOnceNewestFirst() {
		String merchant = uniqueId("mer");
		List<String> payments = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			String pay = uniqueId("pay");
			payments.add(pay);
			publish(new PaymentCaptured(ResourceIds.event(), Instant.now(),
					payment(pay, merchant, "psp-a", 1_000 + i, 1_000 + i, 0, "succeeded")));
		}
		await().atMost(eventually()).until(() -> list(merchant, "&limit=100").get("data").size() == 7);

		List<String> seen = new ArrayList<>();
		String cursor = null;
		boolean more = true;
		while (more) {
			JsonNode page = list(merchant, "&limit=3" + ((cursor == null) ? "" : "&starting_after=" + cursor));
			page.get("data").forEach(row -> seen.add(row.get("source").asString()));
			cursor = page.get("data").get(page.get("data").size() - 1).get("id").asString();
			more = page.get("has_more").asBoolean();
		}
		// events of different payments may be posted in any order: compare with one page
		List<String> newestFirst = new ArrayList<>();
		list(merchant, "&limit=100").get("data").forEach(row -> newestFirst.add(row.get("source").asString()));
		assertThat(seen).isEqualTo(newestFirst).containsExactlyInAnyOrderElementsOf(payments);
	}

	@Test
	void badCursorOrLimitIsA400NamingTheParameter() {
		String merchant = uniqueId("mer");
		assertProblem(merchant(merchant).get("/v1/balance_transactions?starting_after=btx_nope"), 400,
				"starting_after");
		assertProblem(merchant(merchant).get("/v1/balance_transactions?limit=0"), 400, "limit");
		assertProblem(merchant(merchant).get("/v1/balance_transactions?limit=101"), 400, "limit");
	}

	@Test
	void anotherMerchantsBalanceTransactionIsNotFoundAndNotACursor() {
		String owner = uniqueId("mer");
		publish(new PaymentCaptured(ResourceIds.event(), Instant.now(),
				payment(uniqueId("pay"), owner, "psp-a", 500, 500, 0, "succeeded")));
		await().atMost(eventually()).until(() -> list(owner, "").get("data").size() == 1);
		String id = list(owner, "").get("data").get(0).get("id").asString();
		String other = uniqueId("mer");

		assertThat(merchant(other).get("/v1/balance_transactions/" + id).status()).isEqualTo(404);
		assertProblem(merchant(other).get("/v1/balance_transactions?starting_after=" + id), 400, "starting_after");
		assertThat(list(other, "").get("data")).isEmpty();
		assertThat(operator().get("/v1/balance_transactions").status()).isEqualTo(403);
	}

	private JsonNode list(String merchant, String query) {
		ApiClient.Response response = merchant(merchant).get("/v1/balance_transactions?" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static void assertProblem(ApiClient.Response response, int status, String param) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("param").asString()).isEqualTo(param);
	}

	static long usd(JsonNode balance, String kind) {
		long total = 0;
		for (JsonNode amount : balance.get(kind)) {
			if (amount.get("currency").asString().equals("USD")) {
				total += amount.get("amount").asLong();
			}
		}
		return total;
	}

}
