package io.emberpay.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCanceled;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.ledger.hold.HoldExpiry;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payment events in through the real Kafka broker, ledger transactions out. Default fee:
 * 2.9 % rounded half up plus 30 minor units.
 */
class PaymentPostingTests extends LedgerIntegration {

	@Autowired
	private HoldExpiry holdExpiry;

	@Test
	void authorizationHoldsFundsAsAuthorizedForTheMerchant() {
		String merchant = uniqueId("mer");
		PaymentSnapshot authorized = payment(uniqueId("pay"), merchant, "psp-a", 10_000, 0, 0, "requires_capture");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(), authorized));

		await().atMost(eventually()).untilAsserted(() -> {
			JsonNode balance = merchantBalance(merchant);
			assertThat(amount(balance, "authorized")).isEqualTo(10_000);
			assertThat(amount(balance, "pending")).isZero();
			assertThat(amount(balance, "available")).isZero();
		});
	}

	@Test
	void fullCaptureMovesTheHoldToPendingLessTheFeeUntilTheFundsFallDue() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 10_000, 0, 0, "requires_capture")),
				new PaymentCaptured(ResourceIds.event(), Instant.now(),
						payment(pay, merchant, "psp-a", 10_000, 10_000, 0, "succeeded")),
				new PaymentSucceeded(ResourceIds.event(), Instant.now(),
						payment(pay, merchant, "psp-a", 10_000, 10_000, 0, "succeeded")));

		await().atMost(eventually()).untilAsserted(() -> {
			JsonNode balance = merchantBalance(merchant);
			assertThat(amount(balance, "pending")).isEqualTo(10_000 - 320);
			assertThat(amount(balance, "available")).isZero();
			assertThat(amount(balance, "authorized")).isZero();
		});
		assertThat(this.jdbc
			.sql("""
					select e.amount from ledger_entry e join ledger_transaction t on t.seq = e.transaction_seq
					  join ledger_account a on a.id = e.account_id
					 where t.reference = ? and t.kind = 'capture' and a.code = 'platform_fees' and e.direction = 'credit'""")
			.param(pay)
			.query(Long.class)
			.single()).isEqualTo(320L);
	}

	@Test
	void settledDebitReturnedByTheBankIsReversedByNewBalancedPostings() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 10_000, 0, 0, "processing")),
				new PaymentCaptured(ResourceIds.event(), Instant.now(),
						payment(pay, merchant, "psp-a", 10_000, 10_000, 0, "succeeded")));
		await().atMost(eventually())
			.untilAsserted(() -> assertThat(amount(merchantBalance(merchant), "pending")).isEqualTo(10_000 - 320));
		long entriesBefore = entriesOf(pay);

		publish(new PaymentFailed(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 10_000, 10_000, 0, "failed")));

		await().atMost(eventually()).untilAsserted(() -> {
			JsonNode balance = merchantBalance(merchant);
			assertThat(amount(balance, "pending")).isZero();
			assertThat(amount(balance, "available")).isZero();
			assertThat(amount(balance, "authorized")).isZero();
		});
		assertThat(entriesOf(pay)).as("append-only: the capture's entries stay, new ones reverse them")
			.isGreaterThan(entriesBefore);
		assertThat(this.jdbc.sql("""
				select sum(case when e.direction = 'debit' then e.amount else -e.amount end)
				  from ledger_entry e join ledger_transaction t on t.seq = e.transaction_seq
				 where t.reference = ? and t.kind = 'payment_return'""").param(pay).query(Long.class).single())
			.as("the reversal balances")
			.isZero();
		assertThat(this.jdbc.sql("""
				select e.amount from ledger_entry e join ledger_transaction t on t.seq = e.transaction_seq
				  join ledger_account a on a.id = e.account_id
				 where t.reference = ? and t.kind = 'payment_return' and a.code = 'platform_fees'
				   and e.direction = 'debit'""").param(pay).query(Long.class).single())
			.as("the platform gives its fee back")
			.isEqualTo(320L);
	}

	@Test
	void debitFailedBeforeItSettledPostsNoReversal() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		publish(new PaymentFailed(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 10_000, 0, 0, "failed")));
		String marker = uniqueId("pay");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(marker, merchant, "psp-a", 100, 0, 0, "requires_capture")));
		await().atMost(eventually()).untilAsserted(() -> assertThat(entriesOf(marker)).isPositive());

		assertThat(entriesOf(pay)).isZero();
	}

	private long entriesOf(String reference) {
		return this.jdbc.sql("""
				select count(*) from ledger_entry e join ledger_transaction t on t.seq = e.transaction_seq
				 where t.reference = ?""").param(reference).query(Long.class).single();
	}

	@Test
	void partialCaptureReleasesTheRestOfTheHold() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 5_000, 0, 0, "requires_capture")),
				new PaymentCaptured(ResourceIds.event(), Instant.now(),
						payment(pay, merchant, "psp-a", 5_000, 3_000, 0, "succeeded")));

		// fee: 3000 * 2.9 % = 87, plus 30
		await().atMost(eventually()).untilAsserted(() -> {
			JsonNode balance = merchantBalance(merchant);
			assertThat(amount(balance, "pending")).isEqualTo(3_000 - 117);
			assertThat(amount(balance, "authorized")).isZero();
		});
		assertThat(balanceOf(accountId("psp_receivable:psp-a", "USD"))).isNotNull();
	}

	@Test
	void cancelVoidsTheHold() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-b", 2_000, 0, 0, "requires_capture")),
				new PaymentCanceled(ResourceIds.event(), Instant.now(),
						payment(pay, merchant, "psp-b", 2_000, 0, 0, "canceled")));

		await().atMost(eventually())
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("select count(*) from ledger_transaction where reference = ? and kind = 'release'")
						.param(pay)
						.query(Long.class)
						.single())
				.isEqualTo(1L));
		JsonNode balance = merchantBalance(merchant);
		assertThat(amount(balance, "authorized")).isZero();
		assertThat(amount(balance, "pending")).isZero();
		assertThat(amount(balance, "available")).isZero();
	}

	@Test
	void refundReversesTheRefundedPartWithItsShareOfTheFee() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		PaymentSnapshot captured = payment(pay, merchant, "psp-a", 10_000, 10_000, 0, "succeeded");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 10_000, 0, 0, "requires_capture")),
				new PaymentCaptured(ResourceIds.event(), Instant.now(), captured),
				new RefundSucceeded(ResourceIds.event(), Instant.now(), refund(uniqueId("re"), captured, 4_000),
						payment(pay, merchant, "psp-a", 10_000, 10_000, 4_000, "succeeded")));

		// the fee of 320 is returned in proportion: 320 * 4000 / 10000 = 128
		await().atMost(eventually()).untilAsserted(() -> {
			// the refund counts against available funds at once, the payment is
			// pending until it falls due; the release job may or may not have run
			JsonNode balance = merchantBalance(merchant);
			assertThat(amount(balance, "available") + amount(balance, "pending"))
				.isEqualTo(10_000 - 320 - (4_000 - 128));
		});
	}

	@Test
	void postedTransactionsAreCountedByKindOnPrometheus() {
		double holdsBefore = scrapedPostings("hold");
		double capturesBefore = scrapedPostings("capture");
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		PaymentAuthorized authorized = new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 2_000, 0, 0, "requires_capture"));
		publish(authorized, authorized, new PaymentCaptured(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, "psp-a", 2_000, 2_000, 0, "succeeded")));

		await().atMost(eventually())
			.untilAsserted(() -> assertThat(amount(merchantBalance(merchant), "pending")).isPositive());
		assertThat(scrapedPostings("hold")).isGreaterThanOrEqualTo(holdsBefore + 1);
		assertThat(scrapedPostings("capture")).isGreaterThanOrEqualTo(capturesBefore + 1);
	}

	private double scrapedPostings(String type) {
		return scraped("emberpay_ledger_postings_total{application=\"ledger-service\",type=\"" + type + "\"}")
			.orElse(0);
	}

	@Test
	void duplicateEventPostsNothingMore() {
		String merchant = uniqueId("mer");
		PaymentAuthorized authorized = new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(uniqueId("pay"), merchant, "psp-a", 700, 0, 0, "requires_capture"));
		publish(authorized, authorized);
		publish(authorized);

		await().atMost(eventually())
			.untilAsserted(() -> assertThat(amount(merchantBalance(merchant), "authorized")).isEqualTo(700));
		assertThat(transactionsCausedBy(authorized.eventId())).isEqualTo(1);
	}

	@Test
	void expiredHoldIsReleased() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now().minus(8, ChronoUnit.DAYS),
				payment(pay, merchant, "psp-a", 900, 0, 0, "requires_capture")));
		await().atMost(eventually())
			.untilAsserted(() -> assertThat(amount(merchantBalance(merchant), "authorized")).isEqualTo(900));

		assertThat(this.holdExpiry.releaseExpiredBatch()).isPositive();

		assertThat(amount(merchantBalance(merchant), "authorized")).isZero();
		assertThat(this.jdbc.sql("select count(*) from ledger_transaction where reference = ? and kind = 'hold_expiry'")
			.param(pay)
			.query(Long.class)
			.single()).isEqualTo(1L);
	}

	@Test
	void announcesPostedTransactionsOnLedgerEvents() {
		try (TopicReader reader = new TopicReader(Topics.LEDGER)) {
			PaymentAuthorized authorized = new PaymentAuthorized(ResourceIds.event(), Instant.now(),
					payment(uniqueId("pay"), uniqueId("mer"), "psp-a", 1_234, 0, 0, "requires_capture"));
			publish(authorized);
			await().atMost(eventually())
				.untilAsserted(() -> assertThat(reader.events("ledger.transaction_posted")).anySatisfy(
						event -> assertThat(event.data().get("cause").asString()).isEqualTo(authorized.eventId())));
			var announced = reader.events("ledger.transaction_posted")
				.stream()
				.filter(event -> event.data().get("cause").asString().equals(authorized.eventId()))
				.toList();
			assertThat(announced).hasSize(1);
			String transaction = announced.get(0).data().get("transaction").asString();
			// the same event id on every publication, so a republished batch is
			// deduplicated
			assertThat(announced.get(0).id()).isEqualTo("evt_" + transaction.substring("txn_".length()));
			assertThat(announced.get(0).data().get("entries")).hasSize(2);
			assertThat(announced.get(0).data().get("livemode").asBoolean()).as("a test payment's hold").isFalse();
			await().atMost(eventually())
				.untilAsserted(() -> assertThat(this.jdbc.sql("""
						select h.seq - p.last_seq from ledger_chain_head h, ledger_publication p""")
					.query(Long.class)
					.single()).isZero());
		}
	}

	@Test
	void merchantSeesOnlyItsOwnAccounts() {
		String merchant = uniqueId("mer");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(uniqueId("pay"), merchant, "psp-a", 300, 0, 0, "requires_capture")));
		await().atMost(eventually())
			.untilAsserted(() -> assertThat(accountId("merchant_payable:" + merchant, "USD")).isNotNull());
		String account = accountId("merchant_payable:" + merchant, "USD");

		ApiClient.Response own = merchant(merchant).get("/v1/ledger/accounts/" + account + "/entries?limit=1");
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.json().get("data")).hasSize(1);
		assertThat(merchant("mer_other").get("/v1/ledger/accounts/" + account + "/entries").status()).isEqualTo(404);
		assertThat(merchant("mer_other").get("/v1/ledger/accounts/" + account + "/balance").status()).isEqualTo(404);
	}

	private JsonNode merchantBalance(String merchant) {
		ApiClient.Response response = merchant(merchant).get("/v1/balance");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static long amount(JsonNode balance, String kind) {
		long total = 0;
		for (JsonNode amount : balance.get(kind)) {
			if (amount.get("currency").asString().equals("USD")) {
				total += amount.get("amount").asLong();
			}
		}
		return total;
	}

}
