package io.emberpay.local.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Fixed-arrival-rate load (open model): payment {@code i} is due at
 * {@code start + i / rate} whether or not earlier ones were answered, and its latency
 * counts from that intended time, so a stall shows up in the percentiles instead of
 * silently slowing the sender (coordinated omission). The CPU of every process is read at
 * the window's start and end; after the window the phase waits for its last answers.
 */
final class OpenModelLoad {

	/** The longest a phase waits for its answers after its window. */
	private static final Duration DRAIN = PaymentTraffic.TIMEOUT.plusSeconds(15);

	private OpenModelLoad() {
	}

	/**
	 * Below this, the platform has caught up after a phase: an idle platform uses about a
	 * tenth of a core.
	 */
	static final double QUIET_CORES = 0.4;

	private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

	/**
	 * A phase whose CPU is not reported: after the answers it goes on at once.
	 */
	static Phase run(double rate, Duration duration, PaymentTraffic traffic, CpuMeter cpu) {
		return run(rate, duration, traffic, cpu, false);
	}

	/**
	 * A phase whose CPU per payment is reported: after its answers it waits until the
	 * platform has caught up with the work the phase left (see {@link #QUIET_CORES}), so
	 * that work counts in this phase's CPU and not in the next one's.
	 */
	static Phase measured(double rate, Duration duration, PaymentTraffic traffic, CpuMeter cpu) {
		return run(rate, duration, traffic, cpu, true);
	}

	private static Phase run(double rate, Duration duration, PaymentTraffic traffic, CpuMeter cpu, boolean settle) {
		long total = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
		double intervalNanos = 1e9 / rate;
		CpuMeter.Reading before = cpu.read();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		Tally tally = new Tally(start, end);
		long latestSend = 0;
		for (long i = 0; i < total; i++) {
			long intended = start + Math.round(i * intervalNanos);
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			latestSend = Math.max(latestSend, System.nanoTime() - intended);
			traffic.send(intended, tally);
		}
		long rest = end - System.nanoTime();
		if (rest > 0) {
			LockSupport.parkNanos(rest);
		}
		CpuMeter.Reading windowEnd = cpu.read();
		long unansweredAtEnd = traffic.inFlight();
		boolean drained = traffic.awaitIdle(DRAIN);
		CpuMeter.Reading settled = settle ? cpu.awaitQuiet(QUIET_CORES, SETTLE_LIMIT) : windowEnd;
		return new Phase(rate, duration, tally.summary(), windowEnd.since(before), settled.since(before),
				(settled.nanos() - windowEnd.nanos()) / 1e9, latestSend / 1e6, unansweredAtEnd,
				drained ? 0 : traffic.inFlight());
	}

	/**
	 * One phase at a fixed rate: its answers; the CPU used over its window, and from its
	 * start until the platform had caught up (the window plus {@code tailSeconds}) which
	 * is the CPU its payments caused; how late the sender ever was (the client keeping
	 * up, or not); and the requests still unanswered at the window's end and after the
	 * drain.
	 */
	record Phase(double offeredPerSecond, Duration duration, Tally.Summary summary, CpuMeter.Usage cpu,
			CpuMeter.Usage caused, double tailSeconds, double senderLateMaxMs, long unansweredAtEnd,
			long unansweredAfterDrain) {

		/** Successful payments completed inside the window, per second of it. */
		double goodput() {
			return this.summary.succeededInWindow() / (this.duration.toNanos() / 1e9);
		}

		/**
		 * Kept up: nearly all the offered rate succeeded within the window, few failures,
		 * and no queue building up (p99 under a second).
		 */
		boolean sustained() {
			return goodput() >= 0.95 * this.offeredPerSecond && this.summary.failedShare() < 0.01
					&& this.summary.percentileMs(99) < 1000;
		}

		/**
		 * Platform CPU the phase caused per successful payment inside the window, in ms.
		 */
		double platformCpuPerPayment(CpuMeter meter) {
			return this.caused.platformMs(meter.platform()) / Math.max(1, this.summary.succeededInWindow());
		}

		double cpuPerPayment(String process) {
			return this.caused.ms().getOrDefault(process, 0.0) / Math.max(1, this.summary.succeededInWindow());
		}

		double jitPerPayment() {
			return this.caused.jitMs() / Math.max(1, this.summary.succeededInWindow());
		}

		String line() {
			return String.format(Locale.ROOT,
					"offered %6.1f/s  ok %6.1f/s  p50 %7.1f ms  p99 %7.1f ms  p99.9 %7.1f ms  cores busy %3.0f %%  %s  [%s]",
					this.offeredPerSecond, goodput(), this.summary.percentileMs(50), this.summary.percentileMs(99),
					this.summary.percentileMs(99.9), this.cpu.machineBusyShare() * 100,
					sustained() ? "sustained" : "NOT sustained", this.summary.statusCounts());
		}

	}

}
