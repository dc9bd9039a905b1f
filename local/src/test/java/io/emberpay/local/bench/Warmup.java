package io.emberpay.local.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * Load until the services run compiled code: at least {@code minimum}, then until the JIT
 * compilers of the seven service JVMs use under {@link #SETTLED_JIT_SHARE} of their CPU
 * over a round, at most {@code cap}. The rate starts low and grows by half a round while
 * the platform keeps up; after a round that fell short of the offered rate, it drops to
 * 70 % of what that round achieved and grows by a fifth a round from there (a round that
 * kept up but with a slow p99, a cold code path's stall, is run again at the same rate).
 * So the warm-up runs near saturation, as the measurements will, and estimates where
 * saturation lies (the best rate sustained).
 */
final class Warmup {

	/**
	 * Below this share of their CPU, the compilers are done with the request path (what
	 * is left is the occasional recompilation of a long-running JVM).
	 */
	static final double SETTLED_JIT_SHARE = 0.02;

	private static final double FIRST_RATE = 5;

	private Warmup() {
	}

	static Result run(Duration minimum, Duration cap, Duration round, PaymentTraffic traffic, CpuMeter cpu,
			Collection<String> services, TokenRenewal renewal) throws Exception {
		long started = System.nanoTime();
		double rate = FIRST_RATE;
		double estimate = 0;
		double anyGoodput = 0;
		boolean overloaded = false;
		double jitShare = 1;
		Duration elapsed = Duration.ZERO;
		while (elapsed.compareTo(cap) < 0 && (elapsed.compareTo(minimum) < 0 || jitShare >= SETTLED_JIT_SHARE)) {
			renewal.before(round);
			OpenModelLoad.Phase phase = OpenModelLoad.run(rate, round, traffic, cpu);
			double servicesMs = services.stream().mapToDouble(name -> phase.cpu().ms().getOrDefault(name, 0.0)).sum();
			jitShare = phase.cpu().jitMs() / Math.max(1, servicesMs);
			elapsed = Duration.ofNanos(System.nanoTime() - started);
			System.out.printf(Locale.ROOT, "  %3d s  %s  JIT %4.1f %% of the services' CPU%n", elapsed.toSeconds(),
					phase.line(), jitShare * 100);
			anyGoodput = Math.max(anyGoodput, phase.goodput());
			if (phase.sustained()) {
				estimate = Math.max(estimate, phase.goodput());
				// fast while far below saturation, gently once the platform has fallen
				// short
				rate *= overloaded ? 1.2 : 1.5;
			}
			else if (phase.goodput() < 0.95 * phase.offeredPerSecond() || phase.summary().failedShare() >= 0.01) {
				overloaded = true;
				rate = Math.max(1, 0.7 * phase.goodput());
			}
			// else it kept up, only slowly (a cold code path's stall): same rate again
		}
		return new Result(elapsed, jitShare, (estimate > 0) ? estimate : anyGoodput,
				elapsed.compareTo(cap) >= 0 && jitShare >= SETTLED_JIT_SHARE);
	}

	/**
	 * How long the warm-up ran, the JIT compilers' share in its last round, the best
	 * goodput it saw, and whether it stopped at its cap with the compilers still busy.
	 */
	record Result(Duration elapsed, double jitShare, double estimate, boolean capped) {
	}

	/** Renews the shoppers' tokens that would expire during the next phase. */
	interface TokenRenewal {

		void before(Duration phase) throws Exception;

	}

}
