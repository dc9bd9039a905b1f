package io.emberpay.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
 * <li>Throughput: a closed loop of {@code concurrency} callers, {@code seconds} on each
 * path; the ratio is the figure of merit (goal: at least 0.6). The CPU each process spent
 * per request is printed beside it, so the gateway's own cost is visible whatever else
 * the machine is doing.</li>
 * <li>Latency at half load: an open model, requests sent at a fixed rate of half the
 * gateway's throughput whatever the answers do, latency measured from the intended send
 * time (no coordinated omission), {@code seconds} on each path; the added p99 is gateway
 * minus direct (goal: at most 1 ms).</li>
 * </ol>
 * Each phase alternates between the two paths in short slices of the same period, so
 * background work (outbox relays, Kafka, the JIT, a collection in payment-service) falls
 * on both alike instead of on whichever ran second. Loopback only, stops by itself.
 * Arguments: {@code [seconds] [concurrency] [warmup seconds]} (default 10, 32 and 20; the
 * first warm-up goes on until the JIT compilers are done, see
 * {@link #warmUntilCompiled}). Client, gateway, services, PostgreSQL and Kafka share this
 * machine's cores, as they would not in production; the figures are a floor.
 */
public final class GatewayOverheadBenchmark {

	/** Long enough for a closed loop to reach its steady rate many times over. */
	private static final Duration THROUGHPUT_SLICE = Duration.ofSeconds(5);

	/**
	 * Below this share of their CPU, the compilers are done with the request path (what
	 * is left is the occasional recompilation of a long-running JVM).
	 */
	private static final double SETTLED_JIT_SHARE = 0.02;

	/** On a slow 2-core machine C2 needs about two minutes of this load. */
	private static final Duration MAX_WARMUP = Duration.ofMinutes(6);

	/** Short, so a slow second of the machine's lands on both paths. */
	private static final Duration LATENCY_SLICE = Duration.ofSeconds(1);

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
		String path = "/v1/payments/" + firstPayment(gateway, shopper, merchant);
		JavaProcess gatewayProcess = BenchmarkPlatform.process(platform, "gateway");
		JavaProcess paymentProcess = BenchmarkPlatform.process(platform, "payment");

		LoopResources clientLoop = LoopResources.create("bench-client", 1, true);
		ConnectionProvider connections = ConnectionProvider.builder("bench")
			.maxConnections(concurrency * 4)
			.pendingAcquireMaxCount(-1)
			.build();
		Target direct = new Target(
				client(platform.topology().service("payment").url(), shopper.accessToken(), clientLoop, connections));
		Target viaGateway = new Target(client(platform.gatewayUrl(), shopper.accessToken(), clientLoop, connections));
		requireOk(direct, path, "payment-service");
		requireOk(viaGateway, path, "the gateway");
		List<Target> targets = List.of(direct, viaGateway);

		warmUntilCompiled(targets, warmup, gatewayProcess, paymentProcess,
				(target, slice) -> closedLoop(target, path, concurrency, slice));
		Map<Target, Throughput> throughput = Throughput.measure(targets, measure, THROUGHPUT_SLICE, gatewayProcess,
				paymentProcess, (target, slice) -> closedLoop(target, path, concurrency, slice));
		String throughputLoad = Machine.loadAverage();

		int halfLoad = (int) Math.max(1, throughput.get(viaGateway).perSecond() / 2);
		alternate(targets, warmup, LATENCY_SLICE, (target, slice) -> openModel(target, path, halfLoad, slice));
		targets.forEach(Target::reset);
		alternate(targets, measure, LATENCY_SLICE, (target, slice) -> {
			long[] before = Machine.busyAndTotalTicks();
			openModel(target, path, halfLoad, slice);
			target.countMachineTicks(before, Machine.busyAndTotalTicks());
		});
		targets.forEach(Target::awaitIdle);
		String latencyLoad = Machine.loadAverage();

		report(concurrency, throughput.get(direct), throughput.get(viaGateway), throughputLoad, halfLoad, direct,
				viaGateway, latencyLoad);
	}

	/**
	 * The payment every request reads. Freshly started JVMs can miss fraud-service's
	 * scoring deadline on a slow machine, and the fallback then asks for a step-up this
	 * shopper cannot pass (402): a new payment is tried until one is authorized.
	 */
	private static String firstPayment(GatewayClient gateway, Shoppers.Shopper shopper, String merchant) {
		Map<String, Object> payment = Map.of("amount", 1999, "currency", "USD", "merchant", merchant, "payment_method",
				shopper.paymentMethod(), "capture_method", "manual", "device_id", shopper.device());
		for (int attempt = 1;; attempt++) {
			GatewayClient.Reply reply = gateway.postOnce("/v1/payments", payment, shopper.accessToken());
			if (reply.status() != 402 || attempt == 5) {
				return reply.expect(201, "payment").text("id");
			}
		}
	}

	/**
	 * Closed-loop load on both paths for at least {@code minimum}, then until the JIT
	 * compilers of the gateway and payment-service use under {@link #SETTLED_JIT_SHARE}
	 * of those processes' CPU over a round (or {@link #MAX_WARMUP} has passed): the
	 * figures are the steady state of a long-running service, not its warm-up.
	 */
	private static void warmUntilCompiled(List<Target> targets, Duration minimum, JavaProcess gateway,
			JavaProcess payment, Throughput.Loop loop) {
		long started = System.nanoTime();
		double jitShare = 1;
		Duration elapsed = Duration.ZERO;
		while (elapsed.compareTo(MAX_WARMUP) < 0 && (elapsed.compareTo(minimum) < 0 || jitShare >= SETTLED_JIT_SHARE)) {
			Map<Target, Throughput> round = Throughput.measure(targets, THROUGHPUT_SLICE.multipliedBy(targets.size()),
					THROUGHPUT_SLICE, gateway, payment, loop);
			jitShare = Throughput.jitShare(round.values());
			elapsed = Duration.ofNanos(System.nanoTime() - started);
		}
		System.out.printf(Locale.ROOT, "Warm-up: %d s of load until the JIT compilers used %.1f %% of the CPU of "
				+ "the gateway and payment-service in a round%n", elapsed.toSeconds(), jitShare * 100);
	}

	private static HttpClient client(String baseUrl, String token, LoopResources loops,
			ConnectionProvider connections) {
		return HttpClient.create(connections)
			.runOn(loops)
			.baseUrl(baseUrl)
			.headers(headers -> headers.set("Authorization", "Bearer " + token))
			.responseTimeout(Duration.ofSeconds(10));
	}

	private static Mono<Integer> call(Target target, String path) {
		return target.client()
			.get()
			.uri(path)
			.responseSingle(
					(response, body) -> body.asString().defaultIfEmpty("").thenReturn(response.status().code()));
	}

	private static void requireOk(Target target, String path, String name) {
		Integer status = call(target, path).block(Duration.ofSeconds(10));
		if (status == null || status != 200) {
			throw new IllegalStateException(name + " answered " + status + " instead of 200");
		}
	}

	/**
	 * Runs {@code phase} for {@code total} on each target, in alternating slices of
	 * {@code slice}.
	 */
	private static void alternate(List<Target> targets, Duration total, Duration slice, Phase phase) {
		for (long done = 0; done < total.toNanos(); done += slice.toNanos()) {
			Duration length = Duration.ofNanos(Math.min(slice.toNanos(), total.toNanos() - done));
			for (Target target : targets) {
				phase.run(target, length);
			}
		}
	}

	/**
	 * Answered requests of {@code concurrency} callers, each sending again on every
	 * answer.
	 */
	private static long closedLoop(Target target, String path, int concurrency, Duration duration) {
		AtomicLong ok = new AtomicLong();
		Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
		long end = System.nanoTime() + duration.toNanos();
		Flux.range(0, Integer.MAX_VALUE)
			.takeWhile(i -> System.nanoTime() < end)
			.flatMap(i -> call(target, path).doOnNext(status -> {
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
		if (!failures.isEmpty()) {
			System.out.printf(Locale.ROOT, "  (failed requests in a closed loop: %s)%n", failures);
		}
		return ok.get();
	}

	/**
	 * Sends {@code perSecond} requests for {@code duration} whatever the answers do; each
	 * latency counts from the moment its request was due, so a stall shows up in every
	 * request it delays. Requests still in flight at the end of the slice are recorded
	 * when they answer, while the next slice already sends on schedule.
	 */
	private static void openModel(Target target, String path, int perSecond, Duration duration) {
		long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long total = duration.toNanos() / interval;
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			target.send(call(target, path), due);
		}
	}

	private static void report(int concurrency, Throughput direct, Throughput gateway, String throughputLoad,
			int halfLoad, Target directLatency, Target gatewayLatency, String latencyLoad) {
		double ratio = gateway.perSecond() / direct.perSecond();
		Histogram directHistogram = directLatency.latencies();
		Histogram gatewayHistogram = gatewayLatency.latencies();
		double addedP99Ms = (gatewayHistogram.getValueAtPercentile(99) - directHistogram.getValueAtPercentile(99))
				/ 1e6;
		System.out.println();
		System.out.println("Gateway overhead: GET /v1/payments/{id} with a user JWT, payment-service direct "
				+ "vs through the gateway (one machine: client, platform, PostgreSQL and Kafka share its cores)");
		System.out.printf(Locale.ROOT,
				"throughput, %d concurrent callers: direct %.0f req/s, gateway %.0f req/s, "
						+ "ratio %.2f (goal >= 0.60: %s); load average %s%n",
				concurrency, direct.perSecond(), gateway.perSecond(), ratio, (ratio >= 0.6) ? "met" : "NOT met",
				throughputLoad);
		System.out.printf(Locale.ROOT,
				"CPU per request: direct: payment-service %.0f us; "
						+ "through the gateway: gateway %.0f us, payment-service %.0f us "
						+ "(JIT compilers in both: direct %.0f us, through the gateway %.0f us)%n",
				direct.paymentCpuMicros(), gateway.gatewayCpuMicros(), gateway.paymentCpuMicros(),
				direct.jitCpuMicros(), gateway.jitCpuMicros());
		System.out.printf(Locale.ROOT,
				"latency at %d req/s (half the gateway's throughput), open model, the two paths in alternating "
						+ "%d s slices; load average %s:%n",
				halfLoad, LATENCY_SLICE.toSeconds(), latencyLoad);
		line("direct ", directLatency, directHistogram);
		line("gateway", gatewayLatency, gatewayHistogram);
		// a path cannot answer faster through one more hop: a negative figure means a
		// stall
		// of the machine's landed on the direct slices, and says nothing about the
		// gateway
		String verdict = (addedP99Ms < 0) ? "inconclusive, a stall landed on the direct path; run again"
				: (addedP99Ms <= 1.0) ? "met" : "NOT met";
		System.out.printf(Locale.ROOT, "added p99: %.3f ms (goal <= 1 ms: %s)%n", addedP99Ms, verdict);
	}

	private static void line(String name, Target target, Histogram histogram) {
		System.out.printf(Locale.ROOT,
				"  %s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms  (n=%d, failed %d; "
						+ "cores busy %.0f %%)%n",
				name, histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6,
				histogram.getValueAtPercentile(99) / 1e6, histogram.getValueAtPercentile(99.9) / 1e6,
				histogram.getMaxValue() / 1e6, histogram.getTotalCount(), target.failed(), target.machineBusyPercent());
	}

	/** One slice of a phase on one target. */
	private interface Phase {

		void run(Target target, Duration slice);

	}

	/**
	 * Payment-service as reached one way (directly or through the gateway), with the
	 * open-model latencies recorded on it.
	 */
	private static final class Target {

		private final HttpClient client;

		private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(30), 3);

		private final AtomicLong failed = new AtomicLong();

		private final AtomicLong outstanding = new AtomicLong();

		private long machineBusyTicks;

		private long machineTotalTicks;

		Target(HttpClient client) {
			this.client = client;
		}

		HttpClient client() {
			return this.client;
		}

		/** Starts {@code request}, due at {@code due}, and records its latency. */
		void send(Mono<Integer> request, long due) {
			this.outstanding.incrementAndGet();
			request.subscribe(status -> {
				this.latencies.recordValue(System.nanoTime() - due);
				if (status != 200) {
					this.failed.incrementAndGet();
				}
			}, ex -> {
				this.failed.incrementAndGet();
				this.outstanding.decrementAndGet();
			}, this.outstanding::decrementAndGet);
		}

		/** Forgets what was recorded so far (the warm-up). */
		void reset() {
			awaitIdle();
			this.latencies.reset();
			this.failed.set(0);
		}

		void awaitIdle() {
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
			while (this.outstanding.get() > 0 && System.nanoTime() < until) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
		}

		Histogram latencies() {
			return this.latencies.getIntervalHistogram();
		}

		long failed() {
			return this.failed.get();
		}

		/**
		 * Adds the machine's CPU ticks between two {@link Machine#busyAndTotalTicks()}
		 * readings.
		 */
		void countMachineTicks(long[] before, long[] after) {
			this.machineBusyTicks += after[0] - before[0];
			this.machineTotalTicks += after[1] - before[1];
		}

		double machineBusyPercent() {
			return 100.0 * this.machineBusyTicks / Math.max(1, this.machineTotalTicks);
		}

	}

	/**
	 * A closed-loop rate on one target and the CPU the gateway and payment-service spent
	 * on it, per request: each process's, and their JIT compilers' together.
	 */
	private record Throughput(double perSecond, double gatewayCpuMicros, double paymentCpuMicros, double jitCpuMicros) {

		interface Loop {

			long run(Target target, Duration slice);

		}

		static Map<Target, Throughput> measure(List<Target> targets, Duration total, Duration slice,
				JavaProcess gateway, JavaProcess payment, Loop loop) {
			Map<Target, long[]> sums = new HashMap<>();
			alternate(targets, total, slice, (target, length) -> {
				Duration gatewayBefore = gateway.cpuTime();
				Duration paymentBefore = payment.cpuTime();
				long jitBefore = jitNanos(gateway, payment);
				long started = System.nanoTime();
				long requests = loop.run(target, length);
				long[] sum = sums.computeIfAbsent(target, key -> new long[5]);
				sum[0] += requests;
				sum[1] += System.nanoTime() - started;
				sum[2] += gateway.cpuTime().minus(gatewayBefore).toNanos();
				sum[3] += payment.cpuTime().minus(paymentBefore).toNanos();
				sum[4] += jitNanos(gateway, payment) - jitBefore;
			});
			Map<Target, Throughput> rates = new HashMap<>();
			sums.forEach((target, sum) -> {
				double requests = Math.max(1, sum[0]);
				rates.put(target, new Throughput(sum[0] / (sum[1] / 1e9), sum[2] / 1e3 / requests,
						sum[3] / 1e3 / requests, sum[4] / 1e3 / requests));
			});
			return rates;
		}

		/**
		 * The share of the gateway's and payment-service's CPU their JIT compilers used
		 * over rates measured in slices of equal length (so each rate weighs by its
		 * requests).
		 */
		static double jitShare(Collection<Throughput> rates) {
			double jit = 0;
			double cpu = 0;
			for (Throughput rate : rates) {
				jit += rate.perSecond() * rate.jitCpuMicros();
				cpu += rate.perSecond() * (rate.gatewayCpuMicros() + rate.paymentCpuMicros());
			}
			return jit / Math.max(1e-9, cpu);
		}

		private static long jitNanos(JavaProcess gateway, JavaProcess payment) {
			return JitCompilation.cpuTime(gateway.pid()).plus(JitCompilation.cpuTime(payment.pid())).toNanos();
		}

	}

}
