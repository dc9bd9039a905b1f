package io.emberpay.auth.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.emberpay.auth.AuthApplication;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.Pgbench;
import io.emberpay.testkit.SharedKafka;
import io.emberpay.testkit.SharedPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Login (Argon2id m=19 MiB, t=2, p=1) and refresh latency of auth-service started
 * in-process on the test kit's real PostgreSQL and Kafka, over loopback HTTP. Prints p50
 * and p99 for one client and for concurrent clients, beside pgbench's tpcb-like tps on
 * the same PostgreSQL. Arguments: [logins] [refreshes] [concurrency].
 */
public final class LoginLatencyBenchmark {

	private static final String PASSWORD = "benchmark passphrase 2026";

	private LoginLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int status = 1;
		try {
			run(args);
			status = 0;
		}
		finally {
			// the embedded engines keep non-daemon threads: stop the JVM explicitly, also
			// on failure
			System.exit(status);
		}
	}

	private static void run(String[] args) throws Exception {
		int logins = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		int refreshes = (args.length > 1) ? Integer.parseInt(args[1]) : 500;
		int concurrency = (args.length > 2) ? Integer.parseInt(args[2]) : 4;
		SharedPostgres postgres = SharedPostgres.get();
		try (ConfigurableApplicationContext app = start(postgres)) {
			ApiClient api = new ApiClient("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
			List<String> emails = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				String email = "bench-" + i + "-" + System.nanoTime() + "@example.com";
				expect(api.post("/v1/auth/signup", Map.of("email", email, "password", PASSWORD)), 201);
				emails.add(email);
			}
			// warm up JIT, connection pools and the signing key
			measureLogins(api, emails.get(0), 20);
			Stats login = Stats.of(measureLogins(api, emails.get(0), logins));
			Stats loginConcurrent = concurrently(concurrency, logins, i -> measureLogins(api, emails.get(i), logins));
			String refreshToken = expect(login(api, emails.get(0)), 200).text("refresh_token");
			measureRefreshes(api, refreshToken, 50);
			Stats refresh = Stats
				.of(measureRefreshes(api, expect(login(api, emails.get(0)), 200).text("refresh_token"), refreshes));
			Stats refreshConcurrent = concurrently(concurrency, refreshes, i -> measureRefreshes(api,
					expect(login(api, emails.get(i)), 200).text("refresh_token"), refreshes));
			Stats hashing = Stats.of(measureHashing(app.getBean(PasswordEncoder.class), 30));
			double tps = Pgbench.tpcbLikeTps(postgres, 4, 10);
			System.out.printf(Locale.ROOT, "%nauth-service on %d cores (Argon2id m=19456 KiB, t=2, p=1)%n",
					Runtime.getRuntime().availableProcessors());
			print("argon2id verify only", hashing);
			print("login, 1 client", login);
			print("login, " + concurrency + " clients", loginConcurrent);
			print("refresh, 1 client", refresh);
			print("refresh, " + concurrency + " clients", refreshConcurrent);
			System.out.printf(Locale.ROOT, "Pgbench.tpcbLikeTps(4 clients, 10 s) = %.0f tps%n", tps);
		}
	}

	private static ConfigurableApplicationContext start(SharedPostgres postgres) {
		// command-line arguments outrank application.yml
		return new SpringApplicationBuilder(AuthApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + postgres.jdbcUrl("auth_bench"),
				"--spring.datasource.username=" + postgres.username(),
				"--spring.datasource.password=" + postgres.password(),
				"--emberpay.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
				// the tests' keys of application-test.yml: the development keys are
				// refused outside 'local'
				"--spring.profiles.active=test", "--logging.level.root=WARN", "--logging.level.io.emberpay=WARN");
	}

	private static long[] measureLogins(ApiClient api, String email, int count) {
		long[] nanos = new long[count];
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			expect(login(api, email), 200);
			nanos[i] = System.nanoTime() - start;
		}
		return nanos;
	}

	/**
	 * The hash alone, in-process: what a login costs before HTTP, SQL and token signing.
	 */
	private static long[] measureHashing(PasswordEncoder encoder, int count) {
		String hash = encoder.encode(PASSWORD);
		long[] nanos = new long[count];
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			if (!encoder.matches(PASSWORD, hash)) {
				throw new IllegalStateException("hash does not verify");
			}
			nanos[i] = System.nanoTime() - start;
		}
		return nanos;
	}

	private static long[] measureRefreshes(ApiClient api, String firstToken, int count) {
		long[] nanos = new long[count];
		String token = firstToken;
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			token = expect(api.post("/v1/auth/token", Map.of("refresh_token", token)), 200).text("refresh_token");
			nanos[i] = System.nanoTime() - start;
		}
		return nanos;
	}

	private static Stats concurrently(int clients, int perClient, ClientRun run) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			long start = System.nanoTime();
			List<Future<long[]>> runs = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				int client = i;
				runs.add(pool.submit(() -> run.measure(client)));
			}
			List<long[]> all = new ArrayList<>();
			for (Future<long[]> future : runs) {
				all.add(future.get());
			}
			long elapsed = System.nanoTime() - start;
			long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
			return Stats.of(merged).withThroughput(clients * perClient / (elapsed / 1e9));
		}
	}

	private static ApiClient.Response login(ApiClient api, String email) {
		return api.post("/v1/auth/login", Map.of("email", email, "password", PASSWORD));
	}

	private static ApiClient.Response expect(ApiClient.Response response, int status) {
		if (response.status() != status) {
			throw new IllegalStateException(
					"expected " + status + " but got " + response.status() + ": " + response.body());
		}
		return response;
	}

	private static void print(String label, Stats stats) {
		System.out.printf(Locale.ROOT, "%-22s n=%5d  p50=%7.1f ms  p99=%7.1f ms  max=%7.1f ms  %s%n", label,
				stats.count(), stats.p50Ms(), stats.p99Ms(), stats.maxMs(),
				Double.isNaN(stats.perSecond()) ? "" : String.format(Locale.ROOT, "%.1f/s", stats.perSecond()));
	}

	@FunctionalInterface
	private interface ClientRun {

		long[] measure(int client) throws Exception;

	}

	private record Stats(int count, double p50Ms, double p99Ms, double maxMs, double perSecond) {

		static Stats of(long[] nanos) {
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return new Stats(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
					sorted[sorted.length - 1] / 1e6, Double.NaN);
		}

		Stats withThroughput(double perSecond) {
			return new Stats(this.count, this.p50Ms, this.p99Ms, this.maxMs, perSecond);
		}

		private static double percentile(long[] sorted, double quantile) {
			int index = (int) Math.ceil(quantile * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
		}

	}

}
