package io.emberpay.local.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.emberpay.local.FraudServiceRules;

/**
 * Which of fraud-service's production velocity windows the benchmark has to widen, and
 * only those. A benchmark compresses a day of real traffic into minutes: production lets
 * a shopper make a handful of payments a minute and a few dozen a day, while a fixed
 * population driven at thousands of payments a minute makes each shopper pay every few
 * seconds. A window whose production count a shopper would pass at the benchmark's
 * highest pace gets an unreachable count (its weight kept), every other rule (the other
 * windows, amount velocity, failure streaks, anomalies, device, card and geo rules) runs
 * exactly as in production. The production windows are read from the fraud-service jar
 * the platform runs, so this follows the rules when they change.
 */
final class VelocityAllowance {

	/**
	 * The pace the benchmark is built to drive: the 4x overload step at the goal's 250 ok
	 * payments/s.
	 */
	static final double DESIGN_ATTEMPTS_PER_SECOND = 4 * 250;

	/** The longest default run, the most of any window a run can fill. */
	private static final Duration RUN = Duration.ofMinutes(15);

	private final List<Window> windows;

	private final int shoppers;

	private VelocityAllowance(List<Window> windows, int shoppers) {
		this.windows = windows;
		this.shoppers = shoppers;
	}

	static VelocityAllowance forShoppers(Path repository, int shoppers) throws IOException {
		return new VelocityAllowance(productionWindows(FraudServiceRules.ofJar(repository)), shoppers);
	}

	@SuppressWarnings("unchecked")
	private static List<Window> productionWindows(Map<String, Object> rules) {
		List<Window> windows = new ArrayList<>();
		for (Map<String, Object> rule : (List<Map<String, Object>>) rules.get("velocity")) {
			windows.add(new Window((String) rule.get("dimension"), (String) rule.get("window"),
					((Number) rule.get("max-count")).longValue(), ((Number) rule.get("weight")).intValue()));
		}
		return windows;
	}

	/** Seconds between two payments of one shopper at the design pace. */
	double secondsBetweenPayments() {
		return this.shoppers / DESIGN_ATTEMPTS_PER_SECOND;
	}

	/** Payments one shopper makes within {@code window} at the design pace. */
	double paymentsWithin(Window window) {
		return paymentsWithin(window, secondsBetweenPayments());
	}

	/**
	 * Payments one shopper makes within {@code window}, one every {@code seconds}, in one
	 * run.
	 */
	private static double paymentsWithin(Window window, double seconds) {
		Duration length = switch (window.window()) {
			case "minute" -> Duration.ofMinutes(1);
			case "hour" -> Duration.ofHours(1);
			default -> Duration.ofDays(1);
		};
		return Math.min(length.toSeconds(), RUN.toSeconds()) / seconds;
	}

	boolean widens(Window window) {
		return paymentsWithin(window) > window.maxCount();
	}

	/**
	 * fraud-service's command-line settings: the whole velocity list (Spring binds a list
	 * as one), production counts where the design pace stays within them.
	 */
	List<String> fraudArguments() {
		List<String> args = new ArrayList<>();
		for (int i = 0; i < this.windows.size(); i++) {
			Window window = this.windows.get(i);
			String entry = "--emberpay.fraud.rules.velocity[" + i + "].";
			long count = widens(window) ? 100_000_000L : window.maxCount();
			args.addAll(List.of(entry + "dimension=" + window.dimension(), entry + "window=" + window.window(),
					entry + "max-count=" + count, entry + "weight=" + window.weight()));
		}
		return args;
	}

	/** What the run changed of production's rules and why, for the output. */
	String describe() {
		List<String> widened = new ArrayList<>();
		List<String> kept = new ArrayList<>();
		List<String> passedEvery10s = new ArrayList<>();
		for (Window window : this.windows) {
			String name = window.dimension() + "/" + window.window() + " " + window.maxCount();
			(widens(window) ? widened : kept).add(name);
			if (paymentsWithin(window, 10) > window.maxCount()) {
				passedEvery10s.add(name);
			}
		}
		return String.format(Locale.ROOT,
				"Fraud rules: production's, except velocity count windows a shopper would pass at the pace the "
						+ "benchmark is built for (%.0f payments/s = 4 x the goal's 250, over %d shoppers: one payment "
						+ "every %.1f s each, %.0f a minute, %.0f in a %d-minute run). %s Widened to counts no run "
						+ "reaches, weights kept: %s; kept at production: %s; amount velocity, failure streaks, "
						+ "anomalies, device, card and geo rules unchanged.",
				DESIGN_ATTEMPTS_PER_SECOND, this.shoppers, secondsBetweenPayments(), 60 / secondsBetweenPayments(),
				RUN.toSeconds() / secondsBetweenPayments(), RUN.toMinutes(),
				passedEvery10s.isEmpty() ? "Production's windows let a shopper paying every 10 s through."
						: "Production does not let a shopper paying every 10 s through (that passes "
								+ String.join(", ", passedEvery10s) + ").",
				widened.isEmpty() ? "none" : String.join(", ", widened),
				kept.isEmpty() ? "none" : String.join(", ", kept));
	}

	/** One production velocity window. */
	record Window(String dimension, String window, long maxCount, int weight) {
	}

}
