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

	static Phase run(double rate, Duration duration, PaymentTraffic traffic, CpuMeter cpu) {
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
		CpuMeter.Usage usage = cpu.read().since(before);
		long unansweredAtEnd = traffic.inFlight();
		boolean drained = traffic.awaitIdle(DRAIN);
		return new Phase(rate, duration, tally.summary(), usage, latestSend / 1e6, unansweredAtEnd,
				drained ? 0 : traffic.inFlight());
	}

	/**
	 * One phase at a fixed rate: its answers, the CPU used over its window, how late the
	 * sender ever was (the client keeping up, or not), and the requests still unanswered
	 * at the window's end and after the drain.
	 */
	record Phase(double offeredPerSecond, Duration duration, Tally.Summary summary, CpuMeter.Usage cpu,
			double senderLateMaxMs, long unansweredAtEnd, long unansweredAfterDrain) {

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

		/** Platform CPU per successful payment inside the window, in ms. */
		double platformCpuPerPayment(CpuMeter meter) {
			return this.cpu.platformMs(meter.platform()) / Math.max(1, this.summary.succeededInWindow());
		}

		double cpuPerPayment(String process) {
			return this.cpu.ms().getOrDefault(process, 0.0) / Math.max(1, this.summary.succeededInWindow());
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
