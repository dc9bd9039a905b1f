package io.emberpay.subscription.renewal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.emberpay.subscription.billing.BillingClock;
import io.emberpay.subscription.billing.InvoiceStore;
import io.emberpay.subscription.catalogue.Catalogue;
import io.emberpay.subscription.catalogue.Interval;
import io.emberpay.subscription.entitlement.Entitlements;
import io.emberpay.subscription.subscription.SubscriptionStore;
import io.emberpay.subscription.subscription.SubscriptionEnding;
import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two renewal runners ("replicas": each its own runner and charging pool over the one
 * database) work through the same due subscriptions at once, against an acquirer that
 * loses a fifth of its answers and a third replica that claims invoices and dies. Each
 * invoice must be charged exactly once and none lost.
 */
@SubscriptionTest
class RenewalAcrossReplicasTests extends SubscriptionApi {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SubscriptionStore subscriptionStore;

	@Autowired
	private SubscriptionEnding lifecycle;

	@Autowired
	private Catalogue catalogue;

	@Autowired
	private InvoiceStore invoices;

	@Autowired
	private InvoiceCollector collector;

	@Autowired
	private Entitlements entitlements;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private RenewalProperties properties;

	@Autowired
	private OffSessionCharger charger;

	@Autowired
	private InvoiceSettlement settlement;

	@Autowired
	private RenewalMetrics metrics;

	@Autowired
	private Clock clock;

	@Autowired
	private BillingClock billingClock;

	@Test
	void twoReplicasChargeEachDueInvoiceExactlyOnce() {
		chargesEachInvoiceOnce(400);
	}

	@Test
	@Tag("soak")
	void twoReplicasChargeTenThousandDueInvoicesExactlyOnce() {
		chargesEachInvoiceOnce(10_000);
	}

	private void chargesEachInvoiceOnce(int count) {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 1299, "month", 0, "premium");
		dueSubscriptions(merchant, price, count);
		RenewalRun first = replica();
		RenewalRun second = replica();
		this.acquirer.loseAnswers(0.2);
		try {
			for (int round = 0; round < 20 && unpaid(merchant) + unrolled(merchant) > 0; round++) {
				CompletableFuture<RenewalRun.Summary> a = CompletableFuture.supplyAsync(first::runOnce);
				CompletableFuture<RenewalRun.Summary> b = CompletableFuture.supplyAsync(second::runOnce);
				a.join();
				b.join();
				advance(Duration.ofMinutes(2));
				if (round == 0) {
					// a third replica claims invoices whose answer was lost, then dies
					// before charging them
					assertThat(this.invoices.claimDue(this.clock.instant(), Duration.ofSeconds(30), 25)).isNotEmpty();
				}
			}
		}
		finally {
			this.acquirer.loseAnswers(0);
			first.destroy();
			second.destroy();
		}

		List<String> invoiceIds = this.jdbc.sql("select id from invoice where merchant = ? and status = 'paid'")
			.param(merchant)
			.query(String.class)
			.list();
		assertThat(invoiceIds).as("one paid invoice per subscription, none lost").hasSize(count);
		assertThat(this.jdbc.sql("select count(*) from invoice where merchant = ?")
			.param(merchant)
			.query(Long.class)
			.single()).as("no period invoiced twice").isEqualTo(count);
		assertThat(invoiceIds).allSatisfy(id -> assertThat(this.acquirer.chargesOf(id)).as(id).isEqualTo(1));
	}

	private RenewalRun replica() {
		InvoiceCollector ownCollector = new InvoiceCollector(this.invoices, this.subscriptionStore, this.charger,
				this.settlement, this.transactions, this.properties, this.metrics, this.billingClock);
		return new RenewalRun(this.subscriptionStore, this.lifecycle, this.catalogue, this.invoices, ownCollector,
				this.entitlements, this.transactions, this.properties, this.metrics, this.clock);
	}

	/**
	 * {@code count} active monthly subscriptions whose first period ended a minute ago.
	 */
	private void dueSubscriptions(String merchant, String price, int count) {
		Instant now = this.clock.instant();
		Instant anchor = Interval.MONTH.periodStart(now.minus(Duration.ofDays(40)), 1, 0);
		Instant end = Interval.MONTH.periodStart(anchor, 1, 1);
		String product = this.catalogue.findPrice(price).orElseThrow().product();
		this.jdbc.sql("""
				insert into subscription (id, merchant, customer, product, price, tier, payment_method, status,
				                          billing_anchor, periods_elapsed, current_period_start, current_period_end,
				                          livemode, created)
				select 'sub_bulk_' || :merchant || '_' || n, :merchant, 'usr_bulk_' || :merchant || '_' || n, :product,
				       :price, 'premium', 'pm_ok_' || n, 'active', :anchor, 0, :anchor, :end, false, :anchor
				from generate_series(1, :count) n""")
			.param("merchant", merchant)
			.param("product", product)
			.param("price", price)
			.param("anchor", Timestamp.from(anchor))
			.param("end", Timestamp.from(end))
			.param("count", count)
			.update();
	}

	private long unpaid(String merchant) {
		return this.jdbc.sql("select count(*) from invoice where merchant = ? and status <> 'paid'")
			.param(merchant)
			.query(Long.class)
			.single();
	}

	private long unrolled(String merchant) {
		return this.jdbc.sql("select count(*) from subscription where merchant = ? and periods_elapsed = 0")
			.param(merchant)
			.query(Long.class)
			.single();
	}

}
