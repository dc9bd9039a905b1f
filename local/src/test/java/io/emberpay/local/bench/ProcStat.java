package io.emberpay.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One process's line of Linux's {@code /proc/<pid>/stat}: its parent and its CPU clock
 * ticks (USER_HZ, 100 a second on mainstream builds), its own and those of the children
 * it has reaped.
 */
record ProcStat(long pid, long parent, long userTicks, long systemTicks, long reapedChildrenTicks) {

	static final long TICKS_PER_SECOND = 100;

	/** The process's own CPU so far. */
	long ownTicks() {
		return this.userTicks + this.systemTicks;
	}

	static Optional<ProcStat> of(long pid) {
		return read(Path.of("/proc", Long.toString(pid), "stat"));
	}

	/** Every process of the machine, read in one pass. */
	static List<ProcStat> all() {
		List<ProcStat> processes = new ArrayList<>();
		try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
			entries.filter(entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))
				.forEach(entry -> read(entry.resolve("stat")).ifPresent(processes::add));
		}
		catch (IOException ex) {
			// not Linux: no accounting
		}
		return processes;
	}

	private static Optional<ProcStat> read(Path stat) {
		try {
			String line = Files.readString(stat);
			// the name may hold spaces and parentheses: fields start after the last ')'
			int nameEnd = line.lastIndexOf(')');
			String[] fields = line.substring(nameEnd + 2).split(" ");
			long pid = Long.parseLong(line.substring(0, line.indexOf(' ')));
			// after the name: state is field 3, ppid 4, utime 14, stime 15, cutime 16,
			// cstime 17
			return Optional.of(new ProcStat(pid, Long.parseLong(fields[1]), Long.parseLong(fields[11]),
					Long.parseLong(fields[12]), Long.parseLong(fields[13]) + Long.parseLong(fields[14])));
		}
		catch (IOException | RuntimeException ex) {
			// the process ended between listing and reading
			return Optional.empty();
		}
	}

}
