package io.emberpay.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
import io.emberpay.events.payout.PayoutSnapshot;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.account.NormalSide;
import io.emberpay.ledger.balance.Balance;
import io.emberpay.ledger.balance.BalanceReader;
import io.emberpay.ledger.dispute.DisputePostings;
import io.emberpay.ledger.funds.FundsRelease;
import io.emberpay.ledger.fx.SettlementCurrencies;
import io.emberpay.ledger.integrity.IntegrityCheck;
import io.emberpay.ledger.integrity.IntegrityReport;
import io.emberpay.ledger.payment.PaymentPostings;
import io.emberpay.ledger.payout.PayoutHold;
import io.emberpay.ledger.payout.PayoutLedger;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.LedgerWriter;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;
import io.emberpay.ledger.posting.PostingOutcome;
import io.emberpay.starter.inbox.ReceivedEvent;
import io.emberpay.starter.problem.ApiException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of random payments (some partly captured, many in a currency other than the
 * merchant's settlement currency and so converted), refunds, platform fees, payouts (some
 * paid, some failed) and disputes (some won, some lost) over many merchants, currencies
 * and both modes (test and live), with funds falling due in between: after every batch
 * the listed nets add up, per mode and currency, to what {@code /v1/balance} reports to a
 * key of that mode (available and pending each) for one merchant in turn (for all of them
 * at the end), every transaction posted since the last batch balances in each of its
 * currencies and stays within one mode, and no payout takes a merchant's available
 * balance below zero; at the end the integrity check passes. Two merchants in three
 * choose a settlement currency in each mode (each mode its own, so the two may differ),
 * the others keep a balance in each currency. Refunds and disputes may take a balance
 * below zero (money owed back after a payout, see docs/api.md): what the ledger
 * guarantees, and this checks, is that no payout does. Events go straight to the posting
 * code in database transactions, as the consumer would hand them over, to keep the run
 * short.
 */
class BalanceTransactionSumTests extends LedgerIntegration {

	private static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY");

	private static final int MOVEMENTS = 3_000;

	@Autowired
	private PaymentPostings postings;

	@Autowired
	private LedgerWriter writer;

	@Autowired
	private LedgerAccounts accounts;

	@Autowired
	private FundsRelease release;

	@Autowired
	private PayoutLedger payouts;

	@Autowired
	private DisputePostings disputes;

	@Autowired
	private IntegrityCheck integrity;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private SettlementCurrencies settlementCurrencies;

	@Autowired
	private BalanceReader balances;

	private long balancedUpTo;

	@Test
	void listedNetsAddUpToTheBalanceAfterThousandsOfRandomMovements() {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		List<String> merchants = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String merchant = uniqueId("mer");
			merchants.add(merchant);
			if (i % 3 != 0) {
				for (boolean livemode : new boolean[] { false, true }) {
					this.settlementCurrencies.choose(merchant, livemode,
							CURRENCIES.get(random.nextInt(CURRENCIES.size())));
				}
			}
		}
		int turn = 0;
		List<PaymentSnapshot> refundable = new ArrayList<>();
		Map<String, Long> refunded = new HashMap<>();
		List<PayoutSnapshot> inTransit = new ArrayList<>();
		List<DisputeSnapshot> openDisputes = new ArrayList<>();
		int movements = 0;
		while (movements < MOVEMENTS) {
			List<Runnable> batch = new ArrayList<>();
			for (int i = 0; i < 50; i++, movements++) {
				int dice = random.nextInt(10);
				if (dice < 6 || refundable.isEmpty()) {
					batch.add(pay(random, merchants, refundable));
				}
				else if (dice < 9) {
					batch.add(refund(random, refundable, refunded));
				}
				else {
					batch.add(fee(random, merchants));
				}
			}
			this.transactions.executeWithoutResult(status -> batch.forEach(Runnable::run));
			if (random.nextInt(4) == 0) {
				// due now: refunds and fees; three days on: everything
				this.release.releaseBatch(Instant.now().plus(Duration.ofDays(random.nextBoolean() ? 0 : 3)));
			}
			payOut(random, merchants, inTransit);
			settlePayouts(random, inTransit);
			dispute(random, refundable, openDisputes);
			decideDisputes(random, openDisputes);
			assertSumsMatchBalances(seed, List.of(merchants.get(turn++ % merchants.size())));
			assertEveryCurrencyBalances(seed);
		}
		assertSumsMatchBalances(seed, merchants);
		while (!inTransit.isEmpty()) {
			settlePayouts(random, inTransit);
		}
		while (!openDisputes.isEmpty()) {
			decideDisputes(random, openDisputes);
		}
		while (this.release.releaseBatch(Instant.now().plus(Duration.ofDays(3))) > 0) {
			// drain every pending movement
		}
		assertSumsMatchBalances(seed, merchants);
		assertEveryCurrencyBalances(seed);
		assertThat(this.jdbc.sql("select count(*) from fx_conversion where merchant in (:merchants)")
			.param("merchants", merchants)
			.query(Long.class)
			.single()).as("seed %d: converted movements", seed).isPositive();
		IntegrityReport report = this.integrity.verify();
		assertThat(report.ok()).as("seed %d: %s", seed, report.problems()).isTrue();
		assertThat(this.jdbc.sql("""
				select count(*) from (
				    select e.transaction_seq from ledger_entry e group by e.transaction_seq, e.currency, e.phase
				    having sum(case e.direction when 'debit' then e.amount else -e.amount end) <> 0) unbalanced""")
			.query(Long.class)
			.single()).isZero();
	}

	private Runnable pay(Random random, List<String> merchants, List<PaymentSnapshot> refundable) {
		String merchant = merchants.get(random.nextInt(merchants.size()));
		String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
		long amount = 50 + random.nextInt(100_000);
		long received = random.nextInt(4) == 0 ? 1 + random.nextInt((int) amount) : amount;
		String id = uniqueId("pay");
		boolean livemode = random.nextBoolean();
		PaymentSnapshot authorized = inMode(snapshot(id, merchant, currency, amount, 0, "requires_capture"), livemode);
		PaymentSnapshot captured = inMode(snapshot(id, merchant, currency, amount, received, "succeeded"), livemode);
		refundable.add(captured);
		return () -> {
			handle(new PaymentAuthorized(ResourceIds.event(), Instant.now(), authorized));
			handle(new PaymentCaptured(ResourceIds.event(), Instant.now(), captured));
		};
	}

	private Runnable refund(Random random, List<PaymentSnapshot> refundable, Map<String, Long> refunded) {
		PaymentSnapshot payment = refundable.get(random.nextInt(refundable.size()));
		long before = refunded.getOrDefault(payment.id(), 0L);
		long left = payment.amountReceived() - before;
		if (left <= 0) {
			return () -> {
			};
		}
		long amount = 1 + (long) random.nextInt((int) Math.min(left, Integer.MAX_VALUE));
		refunded.put(payment.id(), before + amount);
		PaymentSnapshot after = inMode(snapshot(payment.id(), payment.merchant(), payment.currency(), payment.amount(),
				payment.amountReceived(), "succeeded", before + amount), payment.livemode());
		RefundSnapshot refund = new RefundSnapshot(uniqueId("re"), "refund", payment.id(), amount, payment.currency(),
				"succeeded", payment.merchant(), payment.psp(), "psp_re", null, "req_re", Instant.now());
		return () -> handle(new RefundSucceeded(ResourceIds.event(), Instant.now(), refund, after));
	}

	/** A platform fee charged to the merchant outside a payment, as an operator would. */
	private Runnable fee(Random random, List<String> merchants) {
		String merchant = merchants.get(random.nextInt(merchants.size()));
		String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
		long amount = 1 + random.nextInt(2_000);
		boolean livemode = random.nextBoolean();
		return () -> {
			var payable = this.accounts.open(AccountCodes.merchantPayable(merchant), currency, livemode);
			var fees = this.accounts.open(AccountCodes.PLATFORM_FEES, currency, livemode);
			PostingOutcome outcome = this.writer
				.append(List.of(Posting.of(uniqueId("fee"), "fee", null, null, List
					.of(Leg.posted(payable, Direction.DEBIT, amount), Leg.posted(fees, Direction.CREDIT, amount)))))
				.get(0);
			assertThat(outcome).isInstanceOf(PostingOutcome.Posted.class);
		};
	}

	/**
	 * A payout of some or all of a merchant's available funds, as payment-service would
	 * ask for it; a refusal (nothing or too little available) holds nothing.
	 */
	private void payOut(Random random, List<String> merchants, List<PayoutSnapshot> inTransit) {
		String merchant = merchants.get(random.nextInt(merchants.size()));
		boolean livemode = random.nextBoolean();
		// mostly in the mode's settlement currency, where converted payments land
		String currency = this.settlementCurrencies.find(merchant, livemode)
			.filter(settlement -> random.nextInt(4) != 0)
			.orElseGet(() -> CURRENCIES.get(random.nextInt(CURRENCIES.size())));
		String id = uniqueId("po");
		Long amount = random.nextBoolean() ? null : Long.valueOf(1 + random.nextInt(200_000));
		try {
			// under the chain lock, so that nothing else posts between the three steps
			PayoutHold hold = this.transactions.execute(status -> {
				this.writer.lockChain();
				long before = available(merchant, currency, livemode);
				PayoutHold held = this.payouts.hold(id, merchant, amount, 0, currency, livemode);
				long after = available(merchant, currency, livemode);
				assertThat(after).as("a payout of %d %s took %s below zero", held.amount(), currency, merchant)
					.isNotNegative()
					.isEqualTo(before - held.amount());
				return held;
			});
			// now and then an event from before payouts had a mode: the hold's mode
			// counts
			inTransit.add(new PayoutSnapshot(id, "payout", hold.amount(), currency, "in_transit", merchant, "ba_sum",
					"6789", "Sum Bank", "US", "psp-a", "sim_" + id, "standard", null, Instant.now(),
					(random.nextInt(5) == 0) ? null : livemode));
		}
		catch (ApiException ex) {
			assertThat(ex.error().code()).isIn("insufficient_available_balance", "invalid_request");
		}
	}

	/** Some payouts in transit arrive, some fail. */
	private void settlePayouts(Random random, List<PayoutSnapshot> inTransit) {
		if (inTransit.isEmpty() || random.nextInt(3) != 0) {
			return;
		}
		PayoutSnapshot payout = inTransit.remove(random.nextInt(inTransit.size()));
		this.transactions.executeWithoutResult(status -> {
			if (random.nextInt(4) == 0) {
				this.payouts.failed(ResourceIds.event(), payout.id());
			}
			else {
				this.payouts.paid(ResourceIds.event(), payout.id(), payout.merchant(), payout.amount(),
						payout.currency(), payout.psp(), payout.livemode());
			}
		});
	}

	/** Now and then a captured payment is disputed, with the dispute fee. */
	private void dispute(Random random, List<PaymentSnapshot> captured, List<DisputeSnapshot> open) {
		if (captured.isEmpty() || random.nextInt(3) != 0) {
			return;
		}
		PaymentSnapshot payment = captured.get(random.nextInt(captured.size()));
		DisputeSnapshot dispute = new DisputeSnapshot(uniqueId("dp"), "dispute", payment.id(), payment.merchant(),
				1 + random.nextInt((int) payment.amountReceived()), random.nextBoolean() ? 1_500 : 0,
				payment.currency(), "fraudulent", "needs_response", payment.psp(), "sdp", Instant.now(), Instant.now(),
				// now and then an event from before disputes had a mode: the payment's
				// counts
				(random.nextInt(5) == 0) ? null : payment.livemode());
		open.add(dispute);
		this.transactions.executeWithoutResult(status -> this.disputes.handle(new ReceivedEvent(null,
				new DisputeCreated(ResourceIds.event(), Instant.now(), dispute), "payments.events", 0, 0)));
	}

	/** Some open disputes are won, some lost. */
	private void decideDisputes(Random random, List<DisputeSnapshot> open) {
		if (open.isEmpty() || random.nextInt(2) != 0) {
			return;
		}
		DisputeSnapshot d = open.remove(random.nextInt(open.size()));
		DisputeSnapshot closed = new DisputeSnapshot(d.id(), d.object(), d.payment(), d.merchant(), d.amount(), d.fee(),
				d.currency(), d.reason(), random.nextBoolean() ? "won" : "lost", d.psp(), d.pspReference(),
				d.evidenceDueBy(), d.created(), d.livemode());
		this.transactions.executeWithoutResult(status -> this.disputes.handle(new ReceivedEvent(null,
				new DisputeClosed(ResourceIds.event(), Instant.now(), closed), "payments.events", 0, 0)));
	}

	private void handle(PaymentEvent event) {
		this.postings.handle(new ReceivedEvent(null, event, "payments.events", 0, 0));
	}

	/**
	 * The listed nets against the balance, per merchant. The two are read by two requests
	 * while the release job also runs on its own schedule: a movement released between
	 * them shows as pending in one and available in the other, so a merchant is checked
	 * until both reads agree (a lasting difference still fails).
	 */
	private void assertSumsMatchBalances(long seed, List<String> merchants) {
		for (String merchant : merchants) {
			for (boolean livemode : new boolean[] { false, true }) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertSumMatchesBalance(seed, merchant, livemode));
			}
		}
	}

	private void assertSumMatchesBalance(long seed, String merchant, boolean livemode) {
		Map<String, Long> available = new HashMap<>();
		Map<String, Long> pending = new HashMap<>();
		String cursor = null;
		boolean more = true;
		while (more) {
			var response = merchant(merchant, livemode)
				.get("/v1/balance_transactions?limit=100" + ((cursor == null) ? "" : "&starting_after=" + cursor));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			JsonNode page = response.json();
			for (JsonNode row : page.get("data")) {
				assertThat(row.get("amount").asLong() - row.get("fee").asLong()).isEqualTo(row.get("net").asLong());
				assertThat(row.get("livemode").asBoolean()).as("seed %d, %s", seed, row).isEqualTo(livemode);
				(row.get("status").asString().equals("available") ? available : pending)
					.merge(row.get("currency").asString(), row.get("net").asLong(), Long::sum);
				cursor = row.get("id").asString();
			}
			more = page.get("has_more").asBoolean();
		}
		JsonNode balance = merchant(merchant, livemode).get("/v1/balance").json();
		String mode = livemode ? "live" : "test";
		for (String currency : CURRENCIES) {
			assertThat(amount(balance, "available", currency))
				.as("seed %d, %s %s %s available", seed, merchant, mode, currency)
				.isEqualTo(available.getOrDefault(currency, 0L));
			assertThat(amount(balance, "pending", currency))
				.as("seed %d, %s %s %s pending", seed, merchant, mode, currency)
				.isEqualTo(pending.getOrDefault(currency, 0L));
		}
	}

	/**
	 * The merchant's available funds in the currency and mode as {@code /v1/balance}
	 * counts them (payouts in transit deducted), read in the caller's database
	 * transaction.
	 */
	private long available(String merchant, String currency, boolean livemode) {
		String account = accountId(AccountCodes.merchantAvailable(merchant), currency, livemode);
		if (account == null) {
			return 0;
		}
		Balance balance = this.balances.current(account);
		return balance.available(NormalSide.CREDIT) + balance.pending(NormalSide.CREDIT);
	}

	/**
	 * Every transaction posted since the last check balances in each of its currencies
	 * and phases (the conversions' clearing pairs, margins and residues included), and
	 * moves the money of one mode only.
	 */
	private void assertEveryCurrencyBalances(long seed) {
		long upTo = this.jdbc.sql("select coalesce(max(seq), 0) from ledger_transaction").query(Long.class).single();
		List<Long> unbalanced = this.jdbc.sql("""
				select e.transaction_seq from ledger_entry e where e.transaction_seq > ? and e.transaction_seq <= ?
				 group by e.transaction_seq, e.currency, e.phase
				having sum(case e.direction when 'debit' then e.amount else -e.amount end) <> 0""")
			.params(this.balancedUpTo, upTo)
			.query(Long.class)
			.list();
		assertThat(unbalanced).as("seed %d: unbalanced transactions", seed).isEmpty();
		List<Long> mixed = this.jdbc.sql("""
				select e.transaction_seq from ledger_entry e join ledger_account a on a.number = e.account_number
				 where e.transaction_seq > ? and e.transaction_seq <= ?
				 group by e.transaction_seq having count(distinct a.livemode) > 1""")
			.params(this.balancedUpTo, upTo)
			.query(Long.class)
			.list();
		assertThat(mixed).as("seed %d: transactions mixing test and live", seed).isEmpty();
		this.balancedUpTo = upTo;
	}

	private static long amount(JsonNode balance, String kind, String currency) {
		long total = 0;
		for (JsonNode amount : balance.get(kind)) {
			if (amount.get("currency").asString().equals(currency)) {
				total += amount.get("amount").asLong();
			}
		}
		return total;
	}

	private static PaymentSnapshot snapshot(String id, String merchant, String currency, long amount, long received,
			String status) {
		return snapshot(id, merchant, currency, amount, received, status, 0);
	}

	private static PaymentSnapshot snapshot(String id, String merchant, String currency, long amount, long received,
			String status, long refunded) {
		return new PaymentSnapshot(id, "payment", amount, currency, status, "manual", amount - received, received,
				refunded, merchant, "usr_sum", "pm_test", null, "psp-a", "auth_" + id, null, null, Map.of(), null, null,
				false, "req_" + id, Instant.now());
	}

}
