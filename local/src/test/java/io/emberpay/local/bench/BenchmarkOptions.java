package io.emberpay.local.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code ./bench platform [name=value ...]} was asked for; the defaults keep a full
 * run under about 15 minutes on the 2-core machine.
 *
 * @param shoppers enrolled shoppers, each with their own card, device and client address
 * @param warmup the least warm-up; it goes on while the JIT compilers are busy
 * @param warmupCap the most warm-up
 * @param step one rate step of the saturation search
 * @param hold the phase at 70 % of saturation
 * @param overload each overload step (2x and 4x saturation)
 * @param pgbench how long pgbench runs
 * @param connections the most connections (requests in flight) the client holds
 * @param enrolConcurrency shoppers enrolled at once
 */
record BenchmarkOptions(int shoppers, Duration warmup, Duration warmupCap, Duration step, Duration hold,
		Duration overload, Duration pgbench, int connections, int enrolConcurrency) {

	static final String USAGE = "./bench platform [shoppers=2400] [warmup=120] [warmup-cap=240] [step=15] [hold=30] "
			+ "[overload=60] [pgbench=20] [connections=2048] [enrol-concurrency=8]  (durations in seconds)";

	static BenchmarkOptions parse(String[] args) {
		Map<String, String> given = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			int equals = arg.indexOf('=');
			// a bare number is the shopper count, as the old ./bench platform [users]
			// took it
			String name = (equals < 0) ? "shoppers" : arg.substring(0, equals).trim();
			given.put(name, arg.substring(equals + 1).trim());
		}
		BenchmarkOptions options = new BenchmarkOptions(number(given, "shoppers", 2400), seconds(given, "warmup", 120),
				seconds(given, "warmup-cap", 240), seconds(given, "step", 15), seconds(given, "hold", 30),
				seconds(given, "overload", 60), seconds(given, "pgbench", 20), number(given, "connections", 2048),
				number(given, "enrol-concurrency", 8));
		if (!given.isEmpty()) {
			throw new IllegalArgumentException("unknown argument(s) " + given.keySet() + "; usage: " + USAGE);
		}
		if (options.shoppers < 1 || options.shoppers > ShopperPopulation.MAX_SHOPPERS) {
			throw new IllegalArgumentException("shoppers must be 1.." + ShopperPopulation.MAX_SHOPPERS);
		}
		return options;
	}

	private static int number(Map<String, String> given, String name, int fallback) {
		String value = given.remove(name);
		return (value == null) ? fallback : Integer.parseInt(value);
	}

	private static Duration seconds(Map<String, String> given, String name, int fallback) {
		return Duration.ofSeconds(number(given, name, fallback));
	}

	@Override
	public String toString() {
		return String.format(
				"shoppers=%d warmup=%d warmup-cap=%d step=%d hold=%d overload=%d pgbench=%d "
						+ "connections=%d enrol-concurrency=%d",
				this.shoppers, this.warmup.toSeconds(), this.warmupCap.toSeconds(), this.step.toSeconds(),
				this.hold.toSeconds(), this.overload.toSeconds(), this.pgbench.toSeconds(), this.connections,
				this.enrolConcurrency);
	}

}
