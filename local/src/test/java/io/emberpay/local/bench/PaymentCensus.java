package io.emberpay.local.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.emberpay.local.RunningPlatform;
import io.emberpay.testkit.SharedPostgres;

/**
 * What one card payment costs, where: {@code ./bench census [shoppers=400] [rate=60]
 * [warmup=90] [hold=30]}. The platform as {@code ./bench platform} runs it, a fixed rate
 * below saturation, then per successful payment: CPU per process, database transactions
 * and rows written per database, and the statements PostgreSQL ran most
 * (pg_stat_statements, which this run preloads). A quicker loop than the full benchmark
 * for finding the work to cut; its figures are not the goals.
 */
public final class PaymentCensus {

	private static final int TOP_STATEMENTS = 30;

	private PaymentCensus() {
	}

	public static void main(String[] args) {
		System.setProperty(SharedPostgres.PRELOAD_PROPERTY, "pg_stat_statements");
		BenchmarkPlatform.runAndExit(() -> run(Options.parse(args)));
	}

	private static void run(Options options) throws Exception {
		System.out.println("./bench census " + options);
		VelocityAllowance velocity = VelocityAllowance.forShoppers(BenchmarkPlatform.repository(), options.shoppers());
		BenchmarkPlatform.Measured measured = BenchmarkPlatform.behindIngress(velocity);
		RunningPlatform platform = measured.platform();
		CpuMeter cpu = measured.cpu();
		System.out.println("Machine: " + Machine.describe() + "; load average " + Machine.loadAverage());
		ShopperPopulation shoppers = ShopperPopulation.enrol(platform.gatewayUrl(), options.shoppers(), 8);
		PaymentTraffic traffic = new PaymentTraffic(platform.gatewayUrl(), shoppers, 1024);
		shoppers.refreshExpiring(options.warmup().plus(options.hold()).plusMinutes(3), 16);
		OpenModelLoad.Phase warm = OpenModelLoad.measured(options.rate(), options.warmup(), traffic, cpu);
		System.out.printf(Locale.ROOT, "Warm-up: %.1f ok/s for %d s%n", warm.goodput(), options.warmup().toSeconds());

		SharedPostgres postgres = SharedPostgres.get();
		Map<String, long[]> before = databaseCounters(postgres);
		resetStatements(postgres);
		OpenModelLoad.Phase held = OpenModelLoad.measured(options.rate(), options.hold(), traffic, cpu);
		// backends report their counters within a second of going idle
		Thread.sleep(1500);
		Map<String, long[]> after = databaseCounters(postgres);
		long ok = Math.max(1, held.summary().succeededInWindow());
		System.out.printf(Locale.ROOT, "%n%.1f payments/s offered for %d s: ok %.1f/s, p50 %.1f ms, p99 %.1f ms; %s%n",
				options.rate(), options.hold().toSeconds(), held.goodput(), held.summary().percentileMs(50),
				held.summary().percentileMs(99), held.summary().statusCounts());

		System.out.printf(Locale.ROOT, "%nCPU ms per successful payment (%.0f s tail included):%n", held.tailSeconds());
		for (String process : cpu.platform()) {
			System.out.printf(Locale.ROOT, "  %-14s %6.2f%n", process, held.cpuPerPayment(process));
		}
		System.out.printf(Locale.ROOT, "  %-14s %6.2f (of it JIT %.2f)%n", "platform", held.platformCpuPerPayment(cpu),
				held.jitPerPayment());

		System.out.println("\nPer successful payment, by database (pg_stat_database):");
		System.out.printf(Locale.ROOT, "  %-14s %8s %8s %8s %8s %8s%n", "database", "commits", "rollback", "inserted",
				"updated", "deleted");
		double[] totals = new double[5];
		for (Map.Entry<String, long[]> entry : after.entrySet()) {
			long[] was = before.getOrDefault(entry.getKey(), new long[5]);
			double[] per = new double[5];
			for (int i = 0; i < 5; i++) {
				per[i] = (entry.getValue()[i] - was[i]) / (double) ok;
				totals[i] += per[i];
			}
			if (per[0] + per[2] + per[3] + per[4] >= 0.05) {
				System.out.printf(Locale.ROOT, "  %-14s %8.2f %8.2f %8.2f %8.2f %8.2f%n", entry.getKey(), per[0],
						per[1], per[2], per[3], per[4]);
			}
		}
		System.out.printf(Locale.ROOT, "  %-14s %8.2f %8.2f %8.2f %8.2f %8.2f%n", "all", totals[0], totals[1],
				totals[2], totals[3], totals[4]);
		printStatements(postgres, ok);
	}

	/** Per database: commits, rollbacks, rows inserted, updated, deleted. */
	private static Map<String, long[]> databaseCounters(SharedPostgres postgres) throws SQLException {
		Map<String, long[]> counters = new LinkedHashMap<>();
		try (Connection connection = connect(postgres);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						select datname, xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted
						  from pg_stat_database where datname is not null order by datname""")) {
			while (rows.next()) {
				counters.put(rows.getString(1), new long[] { rows.getLong(2), rows.getLong(3), rows.getLong(4),
						rows.getLong(5), rows.getLong(6) });
			}
		}
		return counters;
	}

	private static void resetStatements(SharedPostgres postgres) throws SQLException {
		try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
			statement.execute("create extension if not exists pg_stat_statements");
			statement.execute("select pg_stat_statements_reset()");
		}
	}

	private static void printStatements(SharedPostgres postgres, long ok) throws SQLException {
		List<String> lines = new ArrayList<>();
		double calls = 0;
		double ms = 0;
		try (Connection connection = connect(postgres);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						select d.datname, s.calls, s.total_exec_time, s.query
						  from pg_stat_statements s join pg_database d on d.oid = s.dbid
						 order by s.calls desc""")) {
			while (rows.next()) {
				calls += rows.getLong(2);
				ms += rows.getDouble(3);
				if (lines.size() < TOP_STATEMENTS) {
					lines.add(String.format(Locale.ROOT, "  %-13s %6.2f %7.1f  %s", rows.getString(1),
							rows.getLong(2) / (double) ok, 1000 * rows.getDouble(3) / Math.max(1, rows.getLong(2)),
							rows.getString(4).replaceAll("\\s+", " ").strip()));
				}
			}
		}
		System.out.printf(Locale.ROOT,
				"%nStatements per successful payment: %.1f, %.2f ms of execution (pg_stat_statements; the top %d "
						+ "by calls: database, calls per payment, mean us, statement):%n",
				calls / ok, ms / ok, TOP_STATEMENTS);
		lines.forEach(line -> System.out.println(line.length() > 230 ? line.substring(0, 230) + "..." : line));
	}

	private static Connection connect(SharedPostgres postgres) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "postgres");
	}

	record Options(int shoppers, double rate, Duration warmup, Duration hold) {

		static Options parse(String[] args) {
			Map<String, String> given = new LinkedHashMap<>();
			for (String arg : args) {
				int equals = arg.indexOf('=');
				if (equals > 0) {
					given.put(arg.substring(0, equals).trim(), arg.substring(equals + 1).trim());
				}
				else if (!arg.isBlank()) {
					throw new IllegalArgumentException("arguments are name=value: " + arg);
				}
			}
			Options options = new Options(Integer.parseInt(given.getOrDefault("shoppers", "400")),
					Double.parseDouble(given.getOrDefault("rate", "60")),
					Duration.ofSeconds(Long.parseLong(given.getOrDefault("warmup", "90"))),
					Duration.ofSeconds(Long.parseLong(given.getOrDefault("hold", "30"))));
			given.keySet().removeAll(List.of("shoppers", "rate", "warmup", "hold"));
			if (!given.isEmpty()) {
				throw new IllegalArgumentException("unknown argument(s) " + given.keySet());
			}
			return options;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "shoppers=%d rate=%.0f warmup=%d hold=%d", this.shoppers, this.rate,
					this.warmup.toSeconds(), this.hold.toSeconds());
		}

	}

}
