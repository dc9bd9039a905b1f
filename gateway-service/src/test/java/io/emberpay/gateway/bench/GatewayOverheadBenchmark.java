package io.emberpay.gateway.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.emberpay.gateway.GatewayApplication;
import io.emberpay.testkit.TestTokens;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the gateway costs: the same {@code GET /v1/payments} (a small JSON answer from a
 * loopback upstream) called directly and through the gateway with a user JWT (verified,
 * rate limited, circuit breaker and retry filter in the path).
 * <ol>
 * <li>Throughput: a closed loop of {@code concurrency} callers for {@code seconds},
 * direct then through the gateway; the ratio is the figure of merit (goal: at least
 * 0.6).</li>
 * <li>Latency at half load: an open model, requests sent at a fixed rate of half the
 * gateway's throughput whatever the answers do, latency measured from the intended send
 * time (no coordinated omission); the added p99 is gateway minus direct (goal: at most 1
 * ms).</li>
 * </ol>
 * Loopback only, stops by itself. Arguments:
 * {@code [seconds] [concurrency] [warmup seconds]} (default 10, 64 and 20). Load
 * generator, gateway and upstream share this machine's cores, as they would not in
 * production; the figures are therefore a floor.
 */
public final class GatewayOverheadBenchmark {

	private static final String PATH = "/v1/payments";

	private static final String BODY = "{\"data\":[{\"id\":\"pay_01jd3x0000000000000000000\",\"amount\":1999,"
			+ "\"currency\":\"USD\",\"status\":\"succeeded\"}],\"has_more\":false}";

	private GatewayOverheadBenchmark() {
	}

	public static void main(String[] args) {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		int concurrency = (args.length > 1) ? Integer.parseInt(args[1]) : 64;
		Duration measure = Duration.ofSeconds(seconds);
		// long enough for the JIT to compile the gateway's whole request path
		Duration warmup = Duration.ofSeconds((args.length > 2) ? Integer.parseInt(args[2]) : 20);
		DisposableServer upstream = startUpstream();
		String upstreamUrl = "http://127.0.0.1:" + upstream.port();
		ConfigurableApplicationContext gateway = startGateway(upstreamUrl);
		String gatewayUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
		String token = TestTokens.get().user("usr_bench");
		LoopResources clientLoops = LoopResources.create("bench-client", 1, true);
		ConnectionProvider connections = ConnectionProvider.builder("bench")
			.maxConnections(concurrency * 4)
			.pendingAcquireMaxCount(-1)
			.build();
		try {
			HttpClient direct = client(upstreamUrl, token, clientLoops, connections);
			HttpClient viaGateway = client(gatewayUrl, token, clientLoops, connections);
			requireOk(direct, "direct");
			requireOk(viaGateway, "gateway");

			closedLoop(direct, concurrency, warmup);
			double directRps = closedLoop(direct, concurrency, measure);
			closedLoop(viaGateway, concurrency, warmup);
			double gatewayRps = closedLoop(viaGateway, concurrency, measure);

			int halfLoad = (int) Math.max(1, gatewayRps / 2);
			openModel(direct, halfLoad, warmup);
			Histogram directLatency = openModel(direct, halfLoad, measure);
			openModel(viaGateway, halfLoad, warmup);
			Histogram gatewayLatency = openModel(viaGateway, halfLoad, measure);

			report(concurrency, directRps, gatewayRps, halfLoad, directLatency, gatewayLatency);
		}
		finally {
			gateway.close();
			upstream.disposeNow();
			connections.disposeLater().block(Duration.ofSeconds(5));
			clientLoops.disposeLater().block(Duration.ofSeconds(5));
		}
		// non-daemon event-loop and scheduler threads would otherwise keep the benchmark
		// alive
		System.exit(0);
	}

	private static DisposableServer startUpstream() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(LoopResources.create("bench-upstream", 1, true))
			.route(routes -> routes.get(PATH,
					(request, response) -> response.header("Content-Type", "application/json")
						.sendString(Mono.just(BODY))))
			.bindNow();
	}

	private static ConfigurableApplicationContext startGateway(String upstreamUrl) {
		SpringApplication application = new SpringApplication(GatewayApplication.class);
		return application.run("--server.port=0", "--emberpay.services.auth.url=" + upstreamUrl,
				"--emberpay.services.payment.url=" + upstreamUrl, "--emberpay.services.fraud.url=" + upstreamUrl,
				"--emberpay.services.ledger.url=" + upstreamUrl, "--emberpay.services.notification.url=" + upstreamUrl,
				"--emberpay.security.jwks-uri=" + TestTokens.get().jwksUri(),
				// one benchmark user sends far more than a real account may: lift its
				// limits, keep them in the path
				"--emberpay.gateway.rate-limits.per-ip.capacity=1000000000",
				"--emberpay.gateway.rate-limits.per-principal.capacity=1000000000", "--logging.level.root=WARN",
				"--logging.structured.format.console=", "--spring.main.banner-mode=off");
	}

	private static HttpClient client(String baseUrl, String token, LoopResources loops,
			ConnectionProvider connections) {
		return HttpClient.create(connections)
			.runOn(loops)
			.baseUrl(baseUrl)
			.headers(headers -> headers.set("Authorization", "Bearer " + token))
			.responseTimeout(Duration.ofSeconds(10));
	}

	private static Mono<Integer> call(HttpClient client) {
		return client.get()
			.uri(PATH)
			.responseSingle(
					(response, body) -> body.asString().defaultIfEmpty("").thenReturn(response.status().code()));
	}

	private static void requireOk(HttpClient client, String name) {
		Integer status = call(client).block(Duration.ofSeconds(10));
		if (status == null || status != 200) {
			throw new IllegalStateException(name + " answered " + status + " instead of 200");
		}
	}

	/**
	 * Requests per second with {@code concurrency} callers, each sending again on every
	 * answer.
	 */
	private static double closedLoop(HttpClient client, int concurrency, Duration duration) {
		AtomicLong ok = new AtomicLong();
		Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
		long started = System.nanoTime();
		long end = started + duration.toNanos();
		Flux.range(0, Integer.MAX_VALUE)
			.takeWhile(i -> System.nanoTime() < end)
			.flatMap(i -> call(client).doOnNext(status -> {
				if (status == 200) {
					ok.incrementAndGet();
				}
				else {
					failures.computeIfAbsent(Integer.toString(status), key -> new AtomicLong()).incrementAndGet();
				}
			}).onErrorResume(ex -> {
				failures.computeIfAbsent(ex.getClass().getSimpleName(), key -> new AtomicLong()).incrementAndGet();
				return Mono.empty();
			}), concurrency)
			.blockLast();
		double elapsed = (System.nanoTime() - started) / 1e9;
		if (!failures.isEmpty()) {
			System.out.printf(Locale.ROOT, "  (failed requests in a closed loop: %s)%n", failures);
		}
		return ok.get() / elapsed;
	}

	/**
	 * Latencies at a fixed arrival rate, each from the moment the request was due, so a
	 * stall shows up in every request it delays.
	 */
	private static Histogram openModel(HttpClient client, int perSecond, Duration duration) {
		Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(30), 3);
		AtomicLong failed = new AtomicLong();
		AtomicLong outstanding = new AtomicLong();
		long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long total = duration.toSeconds() * perSecond;
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			outstanding.incrementAndGet();
			call(client).subscribe(status -> {
				recorder.recordValue(System.nanoTime() - due);
				if (status != 200) {
					failed.incrementAndGet();
				}
			}, ex -> {
				failed.incrementAndGet();
				outstanding.decrementAndGet();
			}, outstanding::decrementAndGet);
		}
		long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (outstanding.get() > 0 && System.nanoTime() < drainUntil) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		if (failed.get() > 0) {
			System.out.printf(Locale.ROOT, "  (%d failed requests at %d/s)%n", failed.get(), perSecond);
		}
		return recorder.getIntervalHistogram();
	}

	private static void report(int concurrency, double directRps, double gatewayRps, int halfLoad, Histogram direct,
			Histogram gateway) {
		double ratio = gatewayRps / directRps;
		double addedP99Ms = (gateway.getValueAtPercentile(99) - direct.getValueAtPercentile(99)) / 1e6;
		System.out.println();
		System.out.println("Gateway overhead (GET " + PATH + " with a user JWT, loopback upstream, "
				+ Runtime.getRuntime().availableProcessors() + " cores shared by client, gateway and upstream)");
		System.out.printf(Locale.ROOT,
				"throughput, %d concurrent callers: direct %.0f req/s, gateway %.0f req/s, "
						+ "ratio %.2f (goal >= 0.60: %s)%n",
				concurrency, directRps, gatewayRps, ratio, (ratio >= 0.6) ? "met" : "NOT met");
		System.out.printf(Locale.ROOT, "latency at %d req/s (half the gateway's throughput), open model:%n", halfLoad);
		line("direct ", direct);
		line("gateway", gateway);
		System.out.printf(Locale.ROOT, "added p99: %.3f ms (goal <= 1 ms: %s)%n", addedP99Ms,
				(addedP99Ms <= 1.0) ? "met" : "NOT met");
	}

	private static void line(String name, Histogram histogram) {
		System.out.printf(Locale.ROOT,
				"  %s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms  (n=%d)%n", name,
				histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6,
				histogram.getValueAtPercentile(99) / 1e6, histogram.getValueAtPercentile(99.9) / 1e6,
				histogram.getMaxValue() / 1e6, histogram.getTotalCount());
	}

}
