package io.emberpay.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU each process of the platform used over a phase, from Linux's accounting: every
 * service JVM, PostgreSQL (the postmaster with every backend and auxiliary process it
 * forked, those that exited included, since the postmaster reaps them into its children's
 * ticks), the Kafka broker's JVM, and this JVM (the load generator). The rest of the
 * machine's busy time is what other work on the shared cores took.
 */
final class CpuMeter {

	/** The load generator's share, kept apart from the platform's total. */
	static final String CLIENT = "load generator";

	/** Busy ticks of the machine not charged to any process above. */
	static final String REST = "rest of machine";

	private final Map<String, Long> jvms;

	private final long postmaster;

	private final List<Long> compiling;

	/**
	 * @param jvms the platform's JVMs by name
	 * @param postmaster PostgreSQL's postmaster
	 * @param compiling the JVMs whose JIT compiler threads are reported apart (already
	 * counted in their process)
	 */
	CpuMeter(Map<String, Long> jvms, long postmaster, List<Long> compiling) {
		this.jvms = new LinkedHashMap<>(jvms);
		this.postmaster = postmaster;
		this.compiling = List.copyOf(compiling);
	}

	/** The names of the platform's processes, in the order of {@link Usage#ms()}. */
	List<String> platform() {
		List<String> names = new ArrayList<>(this.jvms.keySet());
		names.add("postgresql");
		return names;
	}

	Reading read() {
		List<ProcStat> processes = ProcStat.all();
		Map<String, Long> ticks = new LinkedHashMap<>();
		for (Map.Entry<String, Long> jvm : this.jvms.entrySet()) {
			ticks.put(jvm.getKey(),
					processes.stream()
						.filter(process -> process.pid() == jvm.getValue())
						.mapToLong(ProcStat::ownTicks)
						.sum());
		}
		long postgres = 0;
		for (ProcStat process : processes) {
			if (process.pid() == this.postmaster) {
				postgres += process.ownTicks() + process.reapedChildrenTicks();
			}
			else if (process.parent() == this.postmaster) {
				postgres += process.ownTicks();
			}
		}
		ticks.put("postgresql", postgres);
		ticks.put(CLIENT, ProcStat.of(ProcessHandle.current().pid()).map(ProcStat::ownTicks).orElse(0L));
		long[] machine = Machine.busyAndTotalTicks();
		long jitNanos = this.compiling.stream().mapToLong(pid -> JitCompilation.cpuTime(pid).toNanos()).sum();
		return new Reading(ticks, jitNanos, machine[0], machine[1], System.nanoTime());
	}

	/**
	 * Waits until the platform has caught up with the work a phase left it (Kafka
	 * consumers, outbox relays, ledger postings): until a second in which its processes
	 * use under {@code cores}, or {@code limit}.
	 * @return the reading at that moment
	 */
	Reading awaitQuiet(double cores, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		Reading last = read();
		while (System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
			Reading next = read();
			Usage second = next.since(last);
			last = next;
			if (second.platformMs(platform()) / 1000 / second.seconds() < cores) {
				break;
			}
		}
		return last;
	}

	/** Cumulative ticks at one moment. */
	record Reading(Map<String, Long> ticks, long jitNanos, long machineBusy, long machineTotal, long nanos) {

		/** What each process used from {@code earlier} to this reading. */
		Usage since(Reading earlier) {
			Map<String, Double> ms = new LinkedHashMap<>();
			long charged = 0;
			for (Map.Entry<String, Long> entry : this.ticks.entrySet()) {
				long ticks = entry.getValue() - earlier.ticks.getOrDefault(entry.getKey(), 0L);
				charged += ticks;
				ms.put(entry.getKey(), ticks * 1000.0 / ProcStat.TICKS_PER_SECOND);
			}
			long busy = this.machineBusy - earlier.machineBusy;
			ms.put(REST, Math.max(0, busy - charged) * 1000.0 / ProcStat.TICKS_PER_SECOND);
			double total = this.machineTotal - earlier.machineTotal;
			return new Usage(ms, (this.jitNanos - earlier.jitNanos) / 1e6, (total == 0) ? 0 : busy / total,
					(this.nanos - earlier.nanos) / 1e9);
		}

	}

	/**
	 * CPU milliseconds per process over a phase, of them the services' JIT compilers',
	 * how busy the machine's cores were, and the phase's length.
	 */
	record Usage(Map<String, Double> ms, double jitMs, double machineBusyShare, double seconds) {

		double platformMs(List<String> platform) {
			return platform.stream().mapToDouble(name -> this.ms.getOrDefault(name, 0.0)).sum();
		}

	}

}
