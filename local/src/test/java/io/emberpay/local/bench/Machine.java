package io.emberpay.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks ran on, printed beside their figures. */
final class Machine {

	private Machine() {
	}

	static String describe() {
		return Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", JDK "
				+ Runtime.version().feature();
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter(line -> line.startsWith("model name"))
				.findFirst()
				.map(line -> line.substring(line.indexOf(':') + 1).trim())
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	/** The 1-, 5- and 15-minute load averages, as Linux reports them. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/**
	 * The whole machine's busy and total CPU ticks so far (the first line of /proc/stat).
	 */
	static long[] busyAndTotalTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < fields.length; i++) {
				total += Long.parseLong(fields[i]);
			}
			// idle and iowait are the 4th and 5th numbers
			long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
			return new long[] { total - idle, total };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0 };
		}
	}

}
