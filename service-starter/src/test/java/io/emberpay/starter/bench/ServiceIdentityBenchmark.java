package io.emberpay.starter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.emberpay.starter.security.InternalCallers;
import io.emberpay.starter.security.ServiceTokens;
import io.emberpay.testkit.RealInfrastructureInitializer;
import io.emberpay.testkit.TestTokens;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What service identity costs one internal call (docs/benchmarks/service-identity.md):
 * the caller's token lookup, the receiver's verification of a token it has seen (a cache
 * hit: SHA-256 and a map lookup) and of a new one (ES256, once per token per replica),
 * and a whole HTTP call to an {@code /internal} endpoint with a service token against the
 * same call to an endpoint that checks nothing, as every internal call did before.
 * {@code ./bench identity [calls]}.
 */
public final class ServiceIdentityBenchmark {

	private ServiceIdentityBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int calls = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int status = 1;
		try {
			run(calls);
			status = 0;
		}
		catch (Exception | Error ex) {
			ex.printStackTrace();
		}
		finally {
			System.exit(status);
		}
	}

	private static void run(int calls) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--spring.application.name=starter-test", "--emberpay.test.database=starter_test",
					"--emberpay.inbox.enabled=false", "--emberpay.security.public-paths=/v1/bench/**",
					"--logging.level.root=WARN");
		try {
			TestTokens tokens = TestTokens.get();
			String token = tokens.service("payment-service", "starter-test");
			ServiceTokens callerTokens = context.getBean(ServiceTokens.class);
			JwtDecoder cached = context.getBean(JwtDecoder.class);
			NimbusJwtDecoder uncached = NimbusJwtDecoder.withJwkSetUri(tokens.jwksUri())
				.jwsAlgorithms(algorithms -> algorithms.add(SignatureAlgorithm.ES256))
				.build();
			callerTokens.tokenFor("fraud-service");

			Result callerSide = measure("caller: cached token for the audience", calls * 10,
					() -> callerTokens.authorizationFor("fraud-service"));
			Result hit = measure("receiver: known token (SHA-256 + cache)", calls * 10, () -> cached.decode(token));
			Result miss = measure("receiver: new token (ES256 verify)", calls,
					() -> uncached.decode(tokens.service("payment-service", "starter-test")));
			Result signOnly = measure("  (of which minting the new token)", calls,
					() -> tokens.service("payment-service", "starter-test"));

			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			for (int round = 0; round < 2; round++) {
				call(http, base + "/v1/bench/echo", null, calls / 4);
				call(http, base + "/internal/v1/bench/echo", token, calls / 4);
			}
			Result open = call(http, base + "/v1/bench/echo", null, calls);
			Result identified = call(http, base + "/internal/v1/bench/echo", token, calls);
			Result openAgain = call(http, base + "/v1/bench/echo", null, calls);

			System.out.println();
			System.out.println("service identity per internal call, " + Runtime.getRuntime().availableProcessors()
					+ " cores, load average " + loadAverage() + ", " + System.getProperty("java.vm.name") + " "
					+ System.getProperty("java.version"));
			for (Result result : List.of(callerSide, hit, miss, signOnly)) {
				System.out.println("  " + result);
			}
			System.out.println("  HTTP POST on loopback, 1 connection, sequential:");
			System.out.println("    " + open.named("no check (as before)"));
			System.out.println("    " + identified.named("service token + allow-list"));
			System.out.println("    " + openAgain.named("no check, again"));
			System.out.printf(Locale.ROOT, "  added per call: p50 %+.1f us, mean %+.1f us%n",
					(identified.p50Nanos() - (open.p50Nanos() + openAgain.p50Nanos()) / 2) / 1e3,
					(identified.meanNanos() - (open.meanNanos() + openAgain.meanNanos()) / 2) / 1e3);
		}
		finally {
			context.close();
		}
	}

	private static Result measure(String name, int iterations, Supplier<?> work) {
		for (int i = 0; i < iterations / 5; i++) {
			work.get();
		}
		long[] nanos = new long[iterations];
		for (int i = 0; i < iterations; i++) {
			long start = System.nanoTime();
			work.get();
			nanos[i] = System.nanoTime() - start;
		}
		return Result.of(name, nanos);
	}

	private static Result call(HttpClient http, String url, String token, int calls)
			throws IOException, InterruptedException {
		long[] nanos = new long[calls];
		for (int i = 0; i < calls; i++) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"payment\":\"pay_1\"}"));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			long start = System.nanoTime();
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			nanos[i] = System.nanoTime() - start;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
			}
		}
		return Result.of(url, nanos);
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	record Result(String name, long p50Nanos, long p99Nanos, double meanNanos) {

		static Result of(String name, long[] nanos) {
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return new Result(name, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)],
					Arrays.stream(sorted).average().orElse(0));
		}

		Result named(String other) {
			return new Result(other, this.p50Nanos, this.p99Nanos, this.meanNanos);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%-44s p50 %8.1f us  p99 %8.1f us  mean %8.1f us", this.name,
					this.p50Nanos / 1e3, this.p99Nanos / 1e3, this.meanNanos / 1e3);
		}

	}

	@SpringBootApplication
	static class BenchApplication {

	}

	@RestController
	static class BenchEndpoints {

		@PostMapping("/internal/v1/bench/echo")
		@InternalCallers("payment-service")
		Map<String, Object> internal(@RequestBody Map<String, Object> body) {
			return body;
		}

		@PostMapping("/v1/bench/echo")
		Map<String, Object> open(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

}
