package io.emberpay.local.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.local.PlatformLauncher;
import io.emberpay.local.RunningPlatform;

/**
 * The platform as the benchmarks run it: {@code ./platform up}'s local settings, and
 * fraud-service's velocity windows widened. Thousands of payments a minute from a few
 * dozen shoppers are exactly what velocity rules decline; the benchmarks still run every
 * rule, with windows they never fill.
 */
final class BenchmarkPlatform {

	private BenchmarkPlatform() {
	}

	/** What a benchmark does between starting the platform and exiting. */
	interface Run {

		void run() throws Exception;

	}

	/**
	 * Runs a benchmark and exits: the broker's and the event loops' threads would
	 * otherwise keep the JVM alive, after a failure too.
	 */
	static void runAndExit(Run benchmark) {
		try {
			benchmark.run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
		System.exit(0);
	}

	static RunningPlatform start() throws IOException, InterruptedException {
		Map<String, List<String>> settings = new HashMap<>(PlatformLauncher.localSettings());
		settings.put("fraud", unlimitedVelocity());
		return RunningPlatform.get(settings);
	}

	/**
	 * fraud-service's velocity windows, each with a count and amount no benchmark
	 * reaches.
	 */
	private static List<String> unlimitedVelocity() {
		List<String> args = new ArrayList<>();
		int i = 0;
		for (String dimension : List.of("user", "card", "device", "ip")) {
			for (String window : List.of("minute", "hour", "day")) {
				String entry = "--emberpay.fraud.rules.velocity[" + i++ + "].";
				args.addAll(List.of(entry + "dimension=" + dimension, entry + "window=" + window,
						entry + "max-count=100000000", entry + "weight=1"));
			}
		}
		int j = 0;
		for (String[] window : List.of(new String[] { "card", "hour" }, new String[] { "user", "day" })) {
			String entry = "--emberpay.fraud.rules.amount-velocity[" + j++ + "].";
			args.addAll(List.of(entry + "dimension=" + window[0], entry + "window=" + window[1], entry + "weight=1",
					entry + "max-amount.USD=100000000000"));
		}
		return args;
	}

}
