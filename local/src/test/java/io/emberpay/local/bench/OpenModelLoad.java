package io.emberpay.local.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.HdrHistogram.Recorder;

/**
 * Fixed-arrival-rate load (open model): request {@code i} is due at
 * {@code start + i / rate} whether or not earlier ones finished, and its latency counts
 * from that intended time, so a stall shows up in the percentiles instead of silently
 * slowing the sender (coordinated omission).
 */
final class OpenModelLoad {

	private OpenModelLoad() {
	}

	/**
	 * Offers {@code rate} requests per second for {@code duration}; {@code request}
	 * starts request {@code i} and completes with whether it succeeded.
	 */
	static Step run(double rate, Duration duration, LongFunction<CompletableFuture<Boolean>> request)
			throws InterruptedException {
		Recorder latencies = new Recorder(3);
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
		long total = Math.round(rate * duration.toMillis() / 1000.0);
		long intervalNanos = Math.round(1e9 / rate);
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long intended = start + i * intervalNanos;
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			CompletableFuture<?> call = request.apply(i).handle((success, error) -> {
				latencies.recordValue(Math.max(0, System.nanoTime() - intended));
				((error == null && Boolean.TRUE.equals(success)) ? ok : failed).incrementAndGet();
				return null;
			});
			inFlight.add(call);
			inFlight.removeIf(CompletableFuture::isDone);
		}
		CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
			.orTimeout(60, TimeUnit.SECONDS)
			.exceptionally(timeout -> null)
			.join();
		double elapsedSeconds = (System.nanoTime() - start) / 1e9;
		var histogram = latencies.getIntervalHistogram();
		return new Step(rate, ok.get() / elapsedSeconds, ok.get(), failed.get(),
				histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
				histogram.getValueAtPercentile(99.9) / 1e6);
	}

	/** The outcome of one rate step; latencies in milliseconds. */
	record Step(double offeredPerSecond, double achievedPerSecond, long ok, long failed, double p50Ms, double p99Ms,
			double p999Ms) {

		/**
		 * Kept up: nearly all offered load completed, few errors, and no queueing
		 * blow-up.
		 */
		boolean sustained() {
			double errorRate = (this.ok + this.failed == 0) ? 1 : this.failed / (double) (this.ok + this.failed);
			return this.achievedPerSecond >= 0.95 * this.offeredPerSecond && errorRate < 0.01 && this.p99Ms < 1000;
		}

		@Override
		public String toString() {
			return String.format(
					"offered %7.1f/s  achieved %7.1f/s  ok %6d  failed %5d  p50 %7.1f ms  p99 %7.1f ms  p99.9 %7.1f ms",
					this.offeredPerSecond, this.achievedPerSecond, this.ok, this.failed, this.p50Ms, this.p99Ms,
					this.p999Ms);
		}

	}

}
