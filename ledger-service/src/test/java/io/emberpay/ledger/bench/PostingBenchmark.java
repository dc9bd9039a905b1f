package io.emberpay.ledger.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.emberpay.ledger.LedgerApplication;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.account.NormalSide;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;
import io.emberpay.ledger.posting.PostingBatcher;
import io.emberpay.ledger.posting.PostingOutcome;
import io.emberpay.testkit.Pgbench;
import io.emberpay.testkit.RealInfrastructureInitializer;
import io.emberpay.testkit.SharedPostgres;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Postings per second through the ledger's group-commit writer (the path of the posting
 * API, without HTTP), with postings spread over many accounts and with every posting on
 * one hot account, beside pgbench tpcb-like tps on the same PostgreSQL in the same run.
 * Each posting is a full ledger transaction: chain link, two entries, the statement
 * checks, and its {@code ledger.transaction_posted} event on Kafka (the publisher must
 * keep up). By default 1,024 callers, twice the largest batch, so a next batch is always
 * waiting while one commits, as under a consumer backlog or a busy API; with fewer
 * callers than a batch holds, each commit also waits for its callers' next postings.
 * Usage: {@code ./bench ledger [seconds] [clients] [warm-up seconds]}.
 */
public final class PostingBenchmark {

	private static final int UNIFORM_ACCOUNTS = 1_000;

	private PostingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		int clients = (args.length > 1) ? Integer.parseInt(args[1]) : 1024;
		int warmUp = (args.length > 2) ? Integer.parseInt(args[2]) : 45;
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--spring.application.name=ledger-service", "--emberpay.test.database=ledger_bench",
					"--logging.level.root=WARN", "--logging.structured.format.console=",
					// the periodic walk of the whole chain is not posting work: keep it
					// out of
					// the measured phases
					"--emberpay.ledger.integrity.initial-delay=1h");
		int status = 0;
		try {
			PostingBatcher batcher = context.getBean(PostingBatcher.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Commits commits = new Commits(meters.get("emberpay.ledger.batch.size").summary(),
					meters.get("emberpay.ledger.batch.commit").timer());
			Gauge publicationLag = meters.get("emberpay.ledger.publication.lag").gauge();
			LedgerAccounts accounts = context.getBean(LedgerAccounts.class);
			String run = Long.toString(System.nanoTime(), 36);
			List<Account> spread = new ArrayList<>();
			for (int i = 0; i < UNIFORM_ACCOUNTS; i++) {
				spread.add(accounts.create("bench:" + run + "-" + i, "USD", null, NormalSide.CREDIT, false, false)
					.orElseThrow());
			}
			Account hot = accounts
				.create("merchant_payable:bench_hot_" + run, "USD", null, NormalSide.CREDIT, false, false)
				.orElseThrow();

			// The JIT compiler keeps two cores busy for the first minute (Spring, the
			// Kafka broker in this JVM, the posting path), which pgbench (in C) never
			// pays: measure after it has settled.
			measure("warm-up", batcher, commits, clients, warmUp, n -> uniform(run + "w" + n, spread));
			awaitPublished(publicationLag);
			// the warm-up's rows are due a vacuum: do it now rather than in a measured
			// phase
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("vacuum (analyze) ledger_transaction, ledger_entry");
			double uniform = measure("uniform", batcher, commits, clients, seconds,
					n -> uniform(run + "u" + n, spread));
			awaitPublished(publicationLag);
			double hotRate = measure("hot", batcher, commits, clients, seconds, n -> onHot(run + "h" + n, spread, hot));
			// announcing what was posted is part of the work: none of it may run beside
			// pgbench
			awaitPublished(publicationLag);
			awaitNoAutovacuum(jdbc);
			double pgbench = Pgbench.tpcbLikeTps(SharedPostgres.get(), 16, seconds);
			System.out.printf(Locale.ROOT, "%-8s %10.0f tps         (load average %.2f)%n", "pgbench", pgbench,
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

			System.out.printf(Locale.ROOT, "%nledger postings/s, %d clients, %d s each:%n", clients, seconds);
			System.out.printf(Locale.ROOT, "  uniform (%d accounts): %10.0f%n", UNIFORM_ACCOUNTS, uniform);
			System.out.printf(Locale.ROOT, "  hot (100%% on one):     %10.0f  (%.2f x uniform, goal >= 0.9)%n", hotRate,
					hotRate / uniform);
			System.out.printf(Locale.ROOT, "  pgbench tpcb-like tps: %10.0f  (uniform = %.1f x pgbench, goal >= 5)%n",
					pgbench, uniform / pgbench);
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			context.close();
		}
		System.exit(status);
	}

	private static Posting uniform(String cause, List<Account> spread) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int from = random.nextInt(spread.size());
		int to = (from + 1 + random.nextInt(spread.size() - 1)) % spread.size();
		long amount = 1 + random.nextLong(10_000);
		return Posting.of(cause, "transfer", null, null, List.of(Leg.posted(spread.get(from), Direction.DEBIT, amount),
				Leg.posted(spread.get(to), Direction.CREDIT, amount)));
	}

	private static Posting onHot(String cause, List<Account> spread, Account hot) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long amount = 1 + random.nextLong(10_000);
		return Posting.of(cause, "transfer", null, null,
				List.of(Leg.posted(spread.get(random.nextInt(spread.size())), Direction.DEBIT, amount),
						Leg.posted(hot, Direction.CREDIT, amount)));
	}

	/**
	 * Waits until every committed transaction is announced on Kafka, and says how far
	 * behind the publisher was, so a phase's figure is one the publisher keeps up with.
	 */
	private static void awaitPublished(Gauge lag) throws InterruptedException {
		long started = System.nanoTime();
		double behind = lag.value();
		while (lag.value() > 0) {
			if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(2)) {
				throw new IllegalStateException("ledger.events still " + lag.value() + " transactions behind");
			}
			Thread.sleep(50);
		}
		System.out.printf(Locale.ROOT, "         (ledger.events was %.0f transactions behind; caught up in %.1f s)%n",
				behind, (System.nanoTime() - started) / 1e9);
	}

	/**
	 * Waits until autovacuum has finished with the ledger's tables, so pgbench does not
	 * share the machine with the ledger's own upkeep.
	 */
	private static void awaitNoAutovacuum(JdbcTemplate jdbc) throws InterruptedException {
		long started = System.nanoTime();
		while (jdbc.queryForObject("""
				select count(*) from pg_stat_activity
				 where backend_type = 'autovacuum worker' and datname = current_database()""", Long.class) > 0) {
			if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
				throw new IllegalStateException("autovacuum still running on the ledger after 5 minutes");
			}
			Thread.sleep(200);
		}
		System.out.printf(Locale.ROOT, "         (waited %.1f s for autovacuum of the ledger to finish)%n",
				(System.nanoTime() - started) / 1e9);
	}

	/**
	 * Runs {@code clients} callers posting back to back; answers postings committed per
	 * second.
	 */
	private static double measure(String name, PostingBatcher batcher, Commits commits, int clients, int seconds,
			IntFunction<Posting> postings) throws InterruptedException {
		long batchesBefore = commits.sizes().count();
		double postingsBefore = commits.sizes().totalAmount();
		long timedBefore = commits.durations().count();
		double millisBefore = commits.durations().totalTime(TimeUnit.MILLISECONDS);
		AtomicLong sequence = new AtomicLong();
		AtomicLong committed = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		long started = System.nanoTime();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < clients; c++) {
				callers.submit(() -> {
					while (System.nanoTime() < deadline) {
						PostingOutcome outcome = batcher.post(postings.apply((int) sequence.incrementAndGet()));
						if (outcome instanceof PostingOutcome.Posted) {
							committed.incrementAndGet();
						}
					}
				});
			}
		}
		double rate = committed.get() / ((System.nanoTime() - started) / 1e9);
		double meanBatch = (commits.sizes().totalAmount() - postingsBefore)
				/ Math.max(1, commits.sizes().count() - batchesBefore);
		double meanMillis = (commits.durations().totalTime(TimeUnit.MILLISECONDS) - millisBefore)
				/ Math.max(1, commits.durations().count() - timedBefore);
		System.out.printf(Locale.ROOT,
				"%-8s %10.0f postings/s  (load average %.2f, %.0f postings per commit, %.1f ms per commit)%n", name,
				rate, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), meanBatch, meanMillis);
		return rate;
	}

	/** The group commit's meters: postings per commit and the commit's duration. */
	private record Commits(DistributionSummary sizes, Timer durations) {
	}

}
