package io.emberpay.subscription.renewal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.emberpay.subscription.SubscriptionApplication;
import io.emberpay.subscription.catalogue.Interval;
import io.emberpay.subscription.support.FakePaymentService;
import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.RealInfrastructureInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of subscription-service, each a whole application context with its own
 * scheduled renewal run, over one database, charging through a local payment-service
 * whose acquirer loses a fifth of its answers after the money moved. Every due invoice is
 * paid, and the acquirer saw exactly one charge for each.
 */
@SubscriptionTest
class RenewalAcrossContextsTests extends SubscriptionApi {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void twoReplicaProcessesChargeEachDueInvoiceExactlyOnce() {
		chargesEachInvoiceOnce(300, Duration.ofMinutes(3));
	}

	@Test
	@Tag("soak")
	void twoReplicaProcessesChargeTenThousandDueInvoicesExactlyOnce() {
		chargesEachInvoiceOnce(10_000, Duration.ofMinutes(20));
	}

	private void chargesEachInvoiceOnce(int count, Duration patience) {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 1299, "month", 0, "premium");
		try (FakePaymentService payments = new FakePaymentService(0.2)) {
			dueSubscriptions(merchant, price, count);
			long started = System.nanoTime();
			try (ConfigurableApplicationContext first = replica(payments);
					ConfigurableApplicationContext second = replica(payments)) {
				await().atMost(patience).pollInterval(Duration.ofSeconds(1)).until(() -> paid(merchant) == count);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("renewal across two contexts: %d invoices paid in %.1f s, %d charge requests, "
					+ "%d answers lost%n", count, seconds, payments.requests(), payments.lostAnswers());

			List<String> invoices = this.jdbc.sql("select id from invoice where merchant = ? and status = 'paid'")
				.param(merchant)
				.query(String.class)
				.list();
			assertThat(invoices).as("one paid invoice per subscription, none lost").hasSize(count);
			assertThat(this.jdbc.sql("select count(*) from invoice where merchant = ?")
				.param(merchant)
				.query(Long.class)
				.single()).as("no period invoiced twice").isEqualTo(count);
			assertThat(payments.lostAnswers()).as("the acquirer lost answers").isPositive();
			assertThat(payments.invoicesCharged()).isEqualTo(count);
			assertThat(invoices).allSatisfy((id) -> assertThat(payments.chargesOf(id)).as(id).isEqualTo(1));
		}
	}

	private static ConfigurableApplicationContext replica(FakePaymentService payments) {
		return new SpringApplicationBuilder(SubscriptionApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--spring.application.name=subscription-service",
					"--emberpay.services.payment.url=" + payments.url(), "--emberpay.services.payment.timeout=5s",
					"--emberpay.subscription.renewal.interval=500ms", "--emberpay.subscription.renewal.batch-size=200",
					"--emberpay.subscription.renewal.claim-lease=10s",
					"--emberpay.subscription.renewal.unknown-outcome-retry=2s", "--logging.level.root=WARN",
					"--logging.level.io.emberpay.subscription.renewal=ERROR");
	}

	/**
	 * {@code count} active monthly subscriptions whose first period ended a minute ago.
	 */
	private void dueSubscriptions(String merchant, String price, int count) {
		Instant now = Instant.now();
		Instant anchor = Interval.MONTH.periodStart(now.minus(Duration.ofDays(40)), 1, 0);
		Instant end = Interval.MONTH.periodStart(anchor, 1, 1);
		String product = this.jdbc.sql("select product from price where id = ?")
			.param(price)
			.query(String.class)
			.single();
		this.jdbc.sql("""
				insert into subscription (id, merchant, customer, product, price, tier, payment_method, status,
				                          billing_anchor, periods_elapsed, current_period_start, current_period_end,
				                          livemode, created)
				select 'sub_ctx_' || :merchant || '_' || n, :merchant, 'usr_ctx_' || :merchant || '_' || n, :product,
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

	private long paid(String merchant) {
		return this.jdbc.sql("select count(*) from invoice where merchant = ? and status = 'paid'")
			.param(merchant)
			.query(Long.class)
			.single();
	}

}
