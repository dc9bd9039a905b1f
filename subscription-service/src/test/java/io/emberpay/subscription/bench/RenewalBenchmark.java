package io.emberpay.subscription.bench;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.emberpay.events.ResourceIds;
import io.emberpay.subscription.SubscriptionApplication;
import io.emberpay.subscription.catalogue.Interval;
import io.emberpay.subscription.renewal.RenewalRun;
import io.emberpay.subscription.support.FakePaymentService;
import io.emberpay.testkit.Pgbench;
import io.emberpay.testkit.RealInfrastructureInitializer;
import io.emberpay.testkit.SharedPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Renewals per second when {@code count} monthly subscriptions fall due at the same
 * instant: one replica's renewal run rolls each into its next period with an invoice,
 * charges it off-session through a local payment-service over HTTP (idempotent by key, no
 * faults), records the payment, extends the entitlement and writes the events, until
 * every invoice is paid; then pgbench tpcb-like on the same PostgreSQL. Usage:
 * {@code ./bench subscription [count] [batch size] [charges in flight]}.
 */
public final class RenewalBenchmark {

	private RenewalBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int batch = (args.length > 1) ? Integer.parseInt(args[1]) : 500;
		int concurrency = (args.length > 2) ? Integer.parseInt(args[2]) : 32;
		int status = 0;
		try (FakePaymentService payments = new FakePaymentService(0)) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(SubscriptionApplication.class)
				.initializers(new RealInfrastructureInitializer())
				.run("--server.port=0", "--spring.application.name=subscription-service",
						"--emberpay.test.database=subscription_bench", "--logging.level.root=WARN",
						"--logging.structured.format.console=", "--emberpay.services.payment.url=" + payments.url(),
						// the benchmark drives the run itself
						"--emberpay.subscription.renewal.interval=1h",
						"--emberpay.subscription.renewal.batch-size=" + batch,
						"--emberpay.subscription.renewal.concurrency=" + concurrency);
			try {
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				RenewalRun renewals = context.getBean(RenewalRun.class);
				String merchant = ResourceIds.next("mer");
				seed(jdbc, merchant, count);
				System.out.printf(Locale.ROOT, "%d subscriptions due at one instant (batch %d, %d charges in flight)%n",
						count, batch, concurrency);
				long started = System.nanoTime();
				int runs = 0;
				while (paid(jdbc, merchant) < count) {
					renewals.runOnce();
					runs++;
					if (System.nanoTime() - started > Duration.ofMinutes(30).toNanos()) {
						throw new IllegalStateException("not done after 30 minutes: " + paid(jdbc, merchant) + " paid");
					}
				}
				double seconds = (System.nanoTime() - started) / 1e9;
				double loadDuring = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
				double pgbench = Pgbench.tpcbLikeTps(SharedPostgres.get(), 16, 15);
				System.out.printf(Locale.ROOT,
						"renewals: %d in %.1f s = %.0f renewals/s (%d runs, %d charge requests,"
								+ " load average %.2f)%n",
						count, seconds, count / seconds, runs, payments.requests(), loadDuring);
				System.out.printf(Locale.ROOT, "pgbench tpcb-like: %.0f tps (16 clients, 15 s, same PostgreSQL)%n",
						pgbench);
				System.out.printf(Locale.ROOT, "whole batch %s the 5-minute target%n",
						(seconds < 300) ? "within" : "OVER");
			}
			finally {
				context.close();
			}
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	private static void seed(JdbcClient jdbc, String merchant, int count) {
		Instant now = Instant.now();
		Instant anchor = Interval.MONTH.periodStart(now.minus(Duration.ofDays(40)), 1, 0);
		Instant end = Interval.MONTH.periodStart(anchor, 1, 1);
		String product = "prod_bench_" + merchant;
		String price = "price_bench_" + merchant;
		jdbc.sql("insert into product (id, merchant, name, livemode, created) values (?, ?, 'Bench', false, ?)")
			.params(product, merchant, Timestamp.from(now))
			.update();
		jdbc.sql("""
				insert into price (id, merchant, product, unit_amount, currency, recurring_interval, interval_count,
				                   trial_period_days, tier, livemode, created)
				values (?, ?, ?, 1299, 'USD', 'month', 1, 0, 'premium', false, ?)""")
			.params(price, merchant, product, Timestamp.from(now))
			.update();
		jdbc.sql("""
				insert into subscription (id, merchant, customer, product, price, tier, payment_method, status,
				                          billing_anchor, periods_elapsed, current_period_start, current_period_end,
				                          livemode, created)
				select 'sub_bench_' || :merchant || '_' || n, :merchant, 'usr_bench_' || n, :product, :price,
				       'premium', 'pm_ok_' || n, 'active', :anchor, 0, :anchor, :end, false, :anchor
				from generate_series(1, :count) n""")
			.param("merchant", merchant)
			.param("product", product)
			.param("price", price)
			.param("anchor", Timestamp.from(anchor))
			.param("end", Timestamp.from(end))
			.param("count", count)
			.update();
		jdbc.sql("analyze subscription").update();
	}

	private static long paid(JdbcClient jdbc, String merchant) {
		return jdbc.sql("select count(*) from invoice where merchant = ? and status = 'paid'")
			.param(merchant)
			.query(Long.class)
			.single();
	}

}
