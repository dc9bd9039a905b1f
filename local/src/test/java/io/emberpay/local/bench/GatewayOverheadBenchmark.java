package io.emberpay.local.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;

import io.emberpay.local.RunningPlatform;
import io.emberpay.local.demo.GatewayClient;
import io.emberpay.local.process.JavaProcess;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * What the gateway costs a mobile app: the same {@code GET /v1/payments/{id}} of a
 * shopper's payment, with the shopper's JWT, sent straight to payment-service and through
 * the gateway (JWT verified at the edge, rate limits, circuit breaker, retry filter,
 * request ids, access log and metrics all in the path), on the whole platform started as
 * {@code ./platform up} starts it.
 * <ol>
 * <li>Throughput: a closed loop of {@code concurrency} callers for {@code seconds},
 * direct then through the gateway; the ratio is the figure of merit (goal: at least 0.6).
 * The CPU each process spent per request is printed beside it, so the gateway's own cost
 * is visible whatever else the machine is doing.</li>
 * <li>Latency at half load: an open model, requests sent at a fixed rate of half the
 * gateway's throughput whatever the answers do, latency measured from the intended send
 * time (no coordinated omission); the added p99 is gateway minus direct (goal: at most 1
 * ms).</li>
 * </ol>
 * Loopback only, stops by itself. Arguments: {@code [seconds] [concurrency] [warmup
 * seconds]} (default 10, 32 and 20). Client, gateway, services, PostgreSQL and Kafka
 * share this machine's cores, as they would not in production; the figures are a floor.
 */
public final class GatewayOverheadBenchmark {

	private GatewayOverheadBenchmark() {
	}

	public static void main(String[] args) {
		BenchmarkPlatform.runAndExit(() -> run(args));
	}

	private static void run(String[] args) throws Exception {
		Duration measure = Duration.ofSeconds((args.length > 0) ? Integer.parseInt(args[0]) : 10);
		int concurrency = (args.length > 1) ? Integer.parseInt(args[1]) : 32;
		// long enough for the JIT to compile both request paths
		Duration warmup = Duration.ofSeconds((args.length > 2) ? Integer.parseInt(args[2]) : 20);
		RunningPlatform platform = BenchmarkPlatform.start();
		System.out.println("Machine: " + Machine.describe());
		GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
		Shoppers shoppers = Shoppers.enrol(gateway, 1);
		Shoppers.Shopper shopper = shoppers.pick(0);
		String merchant = shoppers.merchant();
		String payment = gateway
			.postOnce("/v1/payments",
					Map.of("amount", 1999, "currency", "USD", "merchant", merchant, "payment_method",
							shopper.paymentMethod(), "capture_method", "manual", "device_id", shopper.device()),
					shopper.accessToken())
			.expect(201, "payment")
			.text("id");
		String path = "/v1/payments/" + payment;
		JavaProcess gatewayProcess = process(platform, "gateway");
		JavaProcess paymentProcess = process(platform, "payment");

		LoopResources clientLoop = LoopResources.create("bench-client", 1, true);
		ConnectionProvider connections = ConnectionProvider.builder("bench")
			.maxConnections(concurrency * 4)
			.pendingAcquireMaxCount(-1)
			.build();
		HttpClient direct = client(platform.topology().service("payment").url(), shopper.accessToken(), clientLoop,
				connections);
		HttpClient viaGateway = client(platform.gatewayUrl(), shopper.accessToken(), clientLoop, connections);
		requireOk(direct, path, "payment-service");
		requireOk(viaGateway, path, "the gateway");

		closedLoop(direct, path, concurrency, warmup);
		Throughput directRun = Throughput.measure(() -> closedLoop(direct, path, concurrency, measure), measure,
				gatewayProcess, paymentProcess);
		closedLoop(viaGateway, path, concurrency, warmup);
		Throughput gatewayRun = Throughput.measure(() -> closedLoop(viaGateway, path, concurrency, measure), measure,
				gatewayProcess, paymentProcess);

		int halfLoad = (int) Math.max(1, gatewayRun.perSecond() / 2);
		openModel(direct, path, halfLoad, warmup);
		Histogram directLatency = openModel(direct, path, halfLoad, measure);
		openModel(viaGateway, path, halfLoad, warmup);
		Histogram gatewayLatency = openModel(viaGateway, path, halfLoad, measure);

		report(concurrency, directRun, gatewayRun, halfLoad, directLatency, gatewayLatency);
	}

	private static JavaProcess process(RunningPlatform platform, String service) {
		return platform.processes()
			.running()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().name().equals(service))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow();
	}

	private static HttpClient client(String baseUrl, String token, LoopResources loops,
			ConnectionProvider connections) {
		return HttpClient.create(connections)
			.runOn(loops)
			.baseUrl(baseUrl)
			.headers(headers -> headers.set("Authorization", "Bearer " + token))
			.responseTimeout(Duration.ofSeconds(10));
	}

	private static Mono<Integer> call(HttpClient client, String path) {
		return client.get()
			.uri(path)
			.responseSingle(
					(response, body) -> body.asString().defaultIfEmpty("").thenReturn(response.status().code()));
	}

	private static void requireOk(HttpClient client, String path, String name) {
		Integer status = call(client, path).block(Duration.ofSeconds(10));
		if (status == null || status != 200) {
			throw new IllegalStateException(name + " answered " + status + " instead of 200");
		}
	}

	/**
	 * Requests per second with {@code concurrency} callers, each sending again on every
	 * answer.
	 */
	private static double closedLoop(HttpClient client, String path, int concurrency, Duration duration) {
		AtomicLong ok = new AtomicLong();
		Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
		long started = System.nanoTime();
		long end = started + duration.toNanos();
		Flux.range(0, Integer.MAX_VALUE)
			.takeWhile(i -> System.nanoTime() < end)
			.flatMap(i -> call(client, path).doOnNext(status -> {
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
	private static Histogram openModel(HttpClient client, String path, int perSecond, Duration duration) {
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
			call(client, path).subscribe(status -> {
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

	private static void report(int concurrency, Throughput direct, Throughput gateway, int halfLoad,
			Histogram directLatency, Histogram gatewayLatency) {
		double ratio = gateway.perSecond() / direct.perSecond();
		double addedP99Ms = (gatewayLatency.getValueAtPercentile(99) - directLatency.getValueAtPercentile(99)) / 1e6;
		System.out.println();
		System.out.println("Gateway overhead: GET /v1/payments/{id} with a user JWT, payment-service direct "
				+ "vs through the gateway (one machine: client, platform, PostgreSQL and Kafka share its cores)");
		System.out.printf(Locale.ROOT,
				"throughput, %d concurrent callers: direct %.0f req/s, gateway %.0f req/s, "
						+ "ratio %.2f (goal >= 0.60: %s)%n",
				concurrency, direct.perSecond(), gateway.perSecond(), ratio, (ratio >= 0.6) ? "met" : "NOT met");
		System.out.printf(Locale.ROOT,
				"CPU per request: direct: payment-service %.0f us; "
						+ "through the gateway: gateway %.0f us, payment-service %.0f us%n",
				direct.paymentCpuMicros(), gateway.gatewayCpuMicros(), gateway.paymentCpuMicros());
		System.out.printf(Locale.ROOT, "latency at %d req/s (half the gateway's throughput), open model:%n", halfLoad);
		line("direct ", directLatency);
		line("gateway", gatewayLatency);
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

	/**
	 * A closed-loop run's rate and the CPU the gateway and payment-service spent on it.
	 */
	private record Throughput(double perSecond, double gatewayCpuMicros, double paymentCpuMicros) {

		static Throughput measure(DoubleSupplier run, Duration duration, JavaProcess gateway, JavaProcess payment) {
			Duration gatewayBefore = gateway.cpuTime();
			Duration paymentBefore = payment.cpuTime();
			double perSecond = run.getAsDouble();
			double requests = Math.max(1, perSecond * duration.toNanos() / 1e9);
			return new Throughput(perSecond, gateway.cpuTime().minus(gatewayBefore).toNanos() / 1e3 / requests,
					payment.cpuTime().minus(paymentBefore).toNanos() / 1e3 / requests);
		}

	}

}
