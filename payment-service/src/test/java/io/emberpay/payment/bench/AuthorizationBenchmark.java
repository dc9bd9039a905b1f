package io.emberpay.payment.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.emberpay.payment.PaymentApplication;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.StubsInitializer;
import io.emberpay.testkit.Pgbench;
import io.emberpay.testkit.SharedPostgres;
import io.emberpay.testkit.TestTokens;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Authorizations per second and latency through payment-service (HTTP, JWT, idempotency
 * key, fraud call, vault decryption, acquirer call, outbox) with loopback acquirer, fraud
 * and auth stubs that add no latency, on the test kit's real PostgreSQL and Kafka. Open
 * model: requests leave at a fixed arrival rate whatever the service does, and each
 * latency is measured from the request's intended send time, so queueing is not hidden
 * (no coordinated omission). Prints the figures beside pgbench tpcb-like tps on the same
 * PostgreSQL, the CPU this JVM spent per payment (service and stubs, client included) and
 * the statements PostgreSQL ran per payment ({@code pg_stat_statements}, preloaded for
 * the run): the two figures that tell where a slower path spends its time.
 *
 * <p>
 * Arguments:
 * {@code [rates per second, comma separated] [seconds per rate] [warm-up seconds
 * at 40/s]}, default {@code 25,50,100 15 60}: the warm-up lets the JIT compile the whole
 * path (a few hundred payments leave much of it interpreted, which favours a shorter
 * path). With {@code -Demberpay.bench.jfr=<file>} a JFR recording (the {@code profile}
 * settings) covers the measured rates only, not start-up or warm-up.
 */
public final class AuthorizationBenchmark {

	private AuthorizationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<Integer> rates = new ArrayList<>();
		for (String rate : ((args.length > 0) ? args[0] : "25,50,100").split(",")) {
			rates.add(Integer.parseInt(rate.trim()));
		}
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 15;
		int warmup = (args.length > 2) ? Integer.parseInt(args[2]) : 60;
		System.setProperty(SharedPostgres.PRELOAD_PROPERTY, "pg_stat_statements");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(PaymentApplication.class)
			.initializers(new StubsInitializer())
			.properties("server.port=0", "logging.level.root=WARN", "logging.level.io.emberpay=WARN",
					"spring.main.banner-mode=off")
			.run();
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		try {
			PaymentApi api = new PaymentApi(port);
			String user = PaymentApi.newUser();
			String body = "{\"amount\":1999,\"currency\":\"USD\",\"merchant\":\"" + PaymentApi.newMerchant()
					+ "\",\"payment_method\":\"" + api.paymentMethod(user, PaymentApi.VISA)
					+ "\",\"capture_method\":\"automatic\"}";
			Load load = new Load(URI.create("http://127.0.0.1:" + port + "/v1/payments"), TestTokens.get().user(user),
					body);
			System.out.println("warming up for " + warmup + " s at 40/s");
			load.run(40, warmup);
			resetStatements();
			Recording recording = startRecording();
			List<String> lines = new ArrayList<>();
			long payments = 0;
			for (int rate : rates) {
				long cpuBefore = processCpuNanos();
				Result result = load.run(rate, seconds);
				long cpuNanos = processCpuNanos() - cpuBefore;
				payments += result.ok();
				String line = String.format(Locale.ROOT,
						"target %4d/s: %7.1f authorizations/s ok, %d errors, p50 %6.2f ms, p99 %7.2f ms, p99.9 %7.2f ms, max %7.2f ms, CPU %.2f ms/payment",
						rate, result.okPerSecond(), result.errors(), ms(result.latency(), 50), ms(result.latency(), 99),
						ms(result.latency(), 99.9), result.latency().getMaxValue() / 1e3,
						cpuNanos / 1e6 / Math.max(1, result.ok()));
				System.out.println(line);
				lines.add(line);
			}
			List<String> statements = statementsPerPayment(payments);
			if (recording != null) {
				recording.stop();
				recording.close();
			}
			double tps = Pgbench.tpcbLikeTps(SharedPostgres.get(), 8, 10);
			System.out.println();
			System.out.printf(Locale.ROOT,
					"== payment-service AuthorizationBenchmark (open model, %d s per rate, %d CPUs, load average %.1f) ==%n",
					seconds, Runtime.getRuntime().availableProcessors(),
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			lines.forEach(System.out::println);
			System.out.printf(Locale.ROOT, "pgbench -b tpcb-like (8 clients, 10 s, same PostgreSQL): %.1f tps%n", tps);
			statements.forEach(System.out::println);
		}
		finally {
			app.close();
			System.exit(0);
		}
	}

	private static Recording startRecording() throws Exception {
		String file = System.getProperty("emberpay.bench.jfr");
		if (file == null) {
			return null;
		}
		Recording recording = new Recording(Configuration.getConfiguration("profile"));
		recording.setDestination(Path.of(file));
		recording.start();
		return recording;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void resetStatements() throws SQLException {
		try (Connection connection = postgres(); Statement statement = connection.createStatement()) {
			statement.execute("create extension if not exists pg_stat_statements");
			statement.execute("select pg_stat_statements_reset()");
		}
	}

	/**
	 * Statements per payment, the most frequent first, with their mean execution time.
	 */
	private static List<String> statementsPerPayment(long payments) throws SQLException {
		List<String> lines = new ArrayList<>();
		double calls = 0;
		double ms = 0;
		try (Connection connection = postgres();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						select d.datname, s.calls, s.total_exec_time, s.query
						  from pg_stat_statements s join pg_database d on d.oid = s.dbid
						 where d.datname <> 'postgres'
						 order by s.calls desc""")) {
			while (rows.next()) {
				calls += rows.getLong(2);
				ms += rows.getDouble(3);
				if (lines.size() < 25) {
					String query = rows.getString(4).replaceAll("\\s+", " ").strip();
					lines.add(String.format(Locale.ROOT, "  %-10s %6.2f %7.1f  %s", rows.getString(1),
							rows.getLong(2) / (double) payments,
							1000 * rows.getDouble(3) / Math.max(1, rows.getLong(2)),
							(query.length() > 160) ? query.substring(0, 160) + "..." : query));
				}
			}
		}
		lines.add(0, String.format(Locale.ROOT,
				"Statements per payment: %.1f, %.2f ms of execution (database, calls per payment, mean us, statement):",
				calls / Math.max(1, payments), ms / Math.max(1, payments)));
		return lines;
	}

	private static Connection postgres() throws SQLException {
		return DriverManager.getConnection(SharedPostgres.get().jdbcUrl("postgres"), "postgres", "postgres");
	}

	private static double ms(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1e3;
	}

	private record Result(double okPerSecond, int ok, int errors, Histogram latency) {
	}

	private static final class Load {

		private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		private final URI uri;

		private final String token;

		private final String body;

		Load(URI uri, String token, String body) {
			this.uri = uri;
			this.token = token;
			this.body = body;
		}

		Result run(int ratePerSecond, int seconds) throws InterruptedException {
			ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
			AtomicInteger ok = new AtomicInteger();
			AtomicInteger errors = new AtomicInteger();
			long total = (long) ratePerSecond * seconds;
			long intervalNanos = 1_000_000_000L / ratePerSecond;
			long start = System.nanoTime() + 50_000_000L;
			try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
				for (long i = 0; i < total; i++) {
					long intended = start + i * intervalNanos;
					long wait = intended - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					senders.submit(() -> send(intended, latency, ok, errors));
				}
			}
			double elapsedSeconds = (System.nanoTime() - start) / 1e9;
			return new Result(ok.get() / Math.max(elapsedSeconds, seconds), ok.get(), errors.get(), latency);
		}

		private void send(long intendedNanos, ConcurrentHistogram latency, AtomicInteger ok, AtomicInteger errors) {
			HttpRequest request = HttpRequest.newBuilder(this.uri)
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + this.token)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString(this.body))
				.build();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 201) {
					ok.incrementAndGet();
				}
				else {
					errors.incrementAndGet();
				}
			}
			catch (Exception ex) {
				errors.incrementAndGet();
			}
			latency.recordValue(Math.max(0, (System.nanoTime() - intendedNanos) / 1000));
		}

	}

}
