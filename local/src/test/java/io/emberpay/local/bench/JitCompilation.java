package io.emberpay.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU a JVM's JIT compiler threads have used, read from Linux's per-thread accounting. A
 * benchmark that measures while C2 still compiles the request path measures warm-up, not
 * the steady state a long-running service is in: on a 2-core machine the compiler threads
 * then take a large share of the cores from the requests.
 */
final class JitCompilation {

	/**
	 * Clock ticks per second of /proc's times (USER_HZ: 100 on mainstream Linux builds).
	 */
	private static final long TICKS_PER_SECOND = 100;

	private JitCompilation() {
	}

	/**
	 * CPU time of the process's C1 and C2 compiler threads so far; zero where /proc is
	 * not readable.
	 */
	static Duration cpuTime(long pid) {
		Path tasks = Path.of("/proc", Long.toString(pid), "task");
		long ticks = 0;
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				ticks += compilerTicks(thread);
			}
		}
		catch (IOException ex) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
	}

	private static long compilerTicks(Path thread) {
		try {
			String stat = Files.readString(thread.resolve("stat"));
			int nameStart = stat.indexOf('(');
			int nameEnd = stat.lastIndexOf(')');
			String name = stat.substring(nameStart + 1, nameEnd);
			if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
				return 0;
			}
			// after the name: state is field 3, utime and stime are fields 14 and 15
			String[] fields = stat.substring(nameEnd + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			// the thread ended between listing and reading
			return 0;
		}
	}

}
