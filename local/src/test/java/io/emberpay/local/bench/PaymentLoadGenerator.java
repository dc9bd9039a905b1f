package io.emberpay.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.emberpay.local.RunningPlatform;
import io.emberpay.testkit.Pgbench;
import io.emberpay.testkit.SharedPostgres;

/**
 * The platform benchmark, as production traffic looks: thousands of shoppers, each with
 * their own card, device and client address (behind an ingress), paying through the
 * gateway at fixed arrival rates (open model). One run prints the machine and pgbench on
 * the same PostgreSQL; a warm-up until the JIT compilers are quiet; the saturation
 * search; latency and status counts at 70 % of saturation; CPU per successful payment of
 * every process; two overload steps (2x and 4x saturation); what the spike left behind
 * (payments still processing, ledger integrity); and the goals beside the
 * figures. Loopback only, stops by itself. Arguments: see {@link BenchmarkOptions#USAGE}.
 * The load generator, the platform, PostgreSQL and Kafka share this machine's cores, as
 * they would not in production: the figures are a floor, and the load generator's own CPU
 * is printed.
 */
public final class PaymentLoadGenerator {

	private static final List<String> SERVICES = List.of("gateway", "auth", "payment", "fraud", "ledger",
			"notification", "psp-simulator");

	/** Unmeasured lead-in before a phase that follows an overloaded one. */
	private static final Duration RECOVERY = Duration.ofSeconds(10);

	/** Steps of the saturation search: each offers this much more than the last. */
	private static final double STEP_FACTOR = 1.2;

	private PaymentLoadGenerator() {
	}

	public static void main(String[] args) {
		BenchmarkPlatform.runAndExit(() -> run(BenchmarkOptions.parse(args)));
	}

	private static void run(BenchmarkOptions options) throws Exception {
		long started = System.nanoTime();
		System.out.println("./bench platform " + options);
		VelocityAllowance velocity = VelocityAllowance.forShoppers(BenchmarkPlatform.repository(), options.shoppers());
		BenchmarkPlatform.Measured measured = BenchmarkPlatform.behindIngress(velocity);
		RunningPlatform platform = measured.platform();
		CpuMeter cpu = measured.cpu();
		System.out.printf(Locale.ROOT,
				"Platform up in %.0f s: seven service JVMs, PostgreSQL (embedded) and Kafka (its own JVM) on this "
						+ "machine. Gateway as behind an ingress (trusted-proxy-hops=1) with production's rate limits; "
						+ "other settings ./platform up's (e.g. fraud scoring deadline 250 ms); logs in %s%n",
				(System.nanoTime() - started) / 1e9, platform.logs());
		System.out.println(velocity.describe());

		section("1. Machine and yardstick");
		System.out.println("Machine: " + Machine.describe() + "; load average " + Machine.loadAverage());
		double pgbench = Pgbench.tpcbLikeTps(SharedPostgres.get(), 8, (int) options.pgbench().toSeconds());
		System.out.printf(Locale.ROOT, "pgbench -b tpcb-like -c 8 -j 2 -T %d on the same PostgreSQL: %.0f tps%n",
				options.pgbench().toSeconds(), pgbench);

		ShopperPopulation shoppers = ShopperPopulation.enrol(platform.gatewayUrl(), options.shoppers(),
				options.enrolConcurrency());
		PaymentTraffic traffic = new PaymentTraffic(platform.gatewayUrl(), shoppers, options.connections());
		Warmup.TokenRenewal renewal = phase -> renew(shoppers, phase);

		section("2. Warm-up");
		Warmup.Result warm = Warmup.run(options.warmup(), options.warmupCap(), options.step(), traffic, cpu, SERVICES,
				renewal);
		System.out.printf(Locale.ROOT,
				"Warm-up: %d s of load (at least %d s, at most %d s); the services' JIT compilers used %.1f %% of "
						+ "their CPU in the last round (%s)%n",
				warm.elapsed().toSeconds(), options.warmup().toSeconds(), options.warmupCap().toSeconds(),
				warm.jitShare() * 100, warm.capped() ? "capped: still above " + percent(Warmup.SETTLED_JIT_SHARE)
						: "quiet: below " + percent(Warmup.SETTLED_JIT_SHARE));

		section("3. Saturation: successful card payments/s (HTTP 201, status succeeded), open model");
		System.out.printf(Locale.ROOT,
				"Steps of %d s, each offering %.0f %% more, and one halfway between the last two; sustained = at least 95 %% of the offered rate succeeded "
						+ "inside the step, under 1 %% failed, p99 under 1 s%n",
				options.step().toSeconds(), (STEP_FACTOR - 1) * 100);
		OpenModelLoad.Phase saturation = null;
		OpenModelLoad.Phase unsustained = null;
		double rate = Math.max(1, 0.6 * warm.estimate());
		for (int steps = 0; steps < 25; steps++) {
			OpenModelLoad.Phase step = step(rate, options, shoppers, traffic, cpu);
			if (step.sustained()) {
				saturation = step;
				rate *= STEP_FACTOR;
			}
			else if (saturation == null && rate > 1) {
				// the warm-up's estimate was too high: start lower
				rate = Math.max(1, rate / 2);
			}
			else {
				unsustained = step;
				break;
			}
		}
		if (saturation != null && unsustained != null) {
			// one more step halfway between, after the platform has recovered from the
			// last one: saturation to within half a step
			double between = (saturation.offeredPerSecond() + unsustained.offeredPerSecond()) / 2;
			OpenModelLoad.run(0.7 * saturation.goodput(), RECOVERY, traffic, cpu);
			OpenModelLoad.Phase step = step(between, options, shoppers, traffic, cpu);
			if (step.sustained()) {
				saturation = step;
			}
			else {
				unsustained = step;
			}
		}
		double saturationRate = (saturation != null) ? saturation.goodput() : 0;
		System.out.printf(Locale.ROOT,
				"Saturation: %.1f successful payments/s (the highest sustained step; %s) = %.4f x " + "pgbench tps%n",
				saturationRate,
				(unsustained == null) ? "every step was sustained: the search stopped at its step limit"
						: String.format(Locale.ROOT, "offering %.1f/s was not sustained: %.1f ok/s",
								unsustained.offeredPerSecond(), unsustained.goodput()),
				saturationRate / pgbench);
		// the phases below need a rate; with none sustained, take what the last step got
		double base = (saturation != null || unsustained == null) ? Math.max(1, saturationRate)
				: Math.max(1, unsustained.goodput());

		section("4. At 70 % of saturation");
		double holdRate = Math.max(1, 0.7 * base);
		renew(shoppers, RECOVERY.plus(options.hold()));
		OpenModelLoad.run(holdRate, RECOVERY, traffic, cpu);
		OpenModelLoad.Phase held = OpenModelLoad.measured(holdRate, options.hold(), traffic, cpu);
		System.out.printf(Locale.ROOT,
				"%.1f payments/s offered for %d s (after %d s at the same rate, unmeasured, to recover from the last "
						+ "step); latency from each payment's intended send time:%n",
				holdRate, options.hold().toSeconds(), RECOVERY.toSeconds());
		System.out.printf(Locale.ROOT, "  ok %.1f/s  p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms%n",
				held.goodput(), held.summary().percentileMs(50), held.summary().percentileMs(99),
				held.summary().percentileMs(99.9), held.summary().latencies().getMaxValue() / 1e6);
		System.out.println("  status counts: " + held.summary().statusCounts() + "; problem codes: "
				+ held.summary().problemCounts());
		System.out.printf(Locale.ROOT, "  client: sender at most %.1f ms late; %d requests unanswered at the end%n",
				held.senderLateMaxMs(), held.unansweredAtEnd());

		section("5. CPU per successful payment, from /proc (utime+stime)");
		printCpu(cpu, held, saturation);

		section("6. Overload");
		List<OpenModelLoad.Phase> overloads = new ArrayList<>();
		for (int factor : new int[] { 2, 4 }) {
			renew(shoppers, options.overload());
			OpenModelLoad.Phase spike = OpenModelLoad.measured(factor * base, options.overload(), traffic, cpu);
			overloads.add(spike);
			Tally.Summary summary = spike.summary();
			System.out.printf(Locale.ROOT,
					"%dx saturation: %.1f payments/s offered for %d s: goodput %.1f ok/s (%.0f %% of saturation); "
							+ "p50 %.0f ms, p99 %.0f ms%n",
					factor, spike.offeredPerSecond(), options.overload().toSeconds(), spike.goodput(),
					100 * spike.goodput() / Math.max(1e-9, base), summary.percentileMs(50), summary.percentileMs(99));
			System.out.println("  status counts: " + summary.statusCounts());
			System.out.println("  problem codes: " + summary.problemCounts());
			System.out.printf(Locale.ROOT,
					"  refusals (429/503): %d, of which without Retry-After: %d; HTTP 500: %d; client: sender at most "
							+ "%.0f ms late, %d unanswered at the end, %d after %d s more%n",
					summary.refusals(), summary.refusalsWithoutRetryAfter(), summary.status("500"),
					spike.senderLateMaxMs(), spike.unansweredAtEnd(), spike.unansweredAfterDrain(),
					PaymentTraffic.TIMEOUT.plusSeconds(15).toSeconds());
		}

		section("7. After the spike");
		Aftermath.Result after = new Aftermath(SharedPostgres.get(), platform.topology().service("ledger").url(),
				() -> {
					try {
						return platform.checkToken("ledger-service");
					}
					catch (java.io.IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				})
			.settle(Duration.ofMinutes(3));
		System.out.printf(Locale.ROOT, "Waited %d s for the platform to drain; payments by status: %s%n",
				after.waited().toSeconds(), after.paymentStatuses());
		System.out.println("Payments left processing: " + after.processing());
		System.out.println("Ledger integrity (/internal/v1/integrity): "
				+ ((after.integrityError() != null) ? "could not be checked: " + after.integrityError()
						: (after.integrityOk() ? "ok" : "NOT ok") + ", " + after.transactionsChecked()
								+ " transactions checked"
								+ (after.problems().isEmpty() ? "" : ", problems: " + after.problems())));

		section("8. Goals");
		Scorecard goals = new Scorecard();
		goals.add("saturation >= 250 ok/s", String.format(Locale.ROOT, "%.1f ok/s", saturationRate),
				saturationRate >= 250);
		goals.add("saturation >= 0.05 x pgbench tps",
				String.format(Locale.ROOT, "%.4f x (%.0f tps)", saturationRate / pgbench, pgbench),
				saturationRate >= 0.05 * pgbench);
		double heldCpu = held.platformCpuPerPayment(cpu);
		goals.add("CPU per ok payment <= 6 ms (platform total, at 70 %)",
				String.format(Locale.ROOT, "%.1f ms", heldCpu), heldCpu <= 6);
		if (saturation != null) {
			double saturationCpu = saturation.platformCpuPerPayment(cpu);
			goals.add("CPU per ok payment <= 6 ms (platform total, at saturation)",
					String.format(Locale.ROOT, "%.1f ms", saturationCpu), saturationCpu <= 6);
		}
		goals.add("p99 at 70 % of saturation <= 100 ms",
				String.format(Locale.ROOT, "%.1f ms", held.summary().percentileMs(99)),
				held.summary().percentileMs(99) <= 100);
		for (int i = 0; i < overloads.size(); i++) {
			OpenModelLoad.Phase spike = overloads.get(i);
			String name = (i == 0) ? "2x" : "4x";
			Tally.Summary summary = spike.summary();
			goals.add("goodput at " + name + " >= 90 % of saturation",
					String.format(Locale.ROOT, "%.1f ok/s (%.0f %%)", spike.goodput(),
							100 * spike.goodput() / Math.max(1e-9, base)),
					spike.goodput() >= 0.9 * base && saturation != null);
			goals.add("zero HTTP 500 at " + name, Long.toString(summary.status("500")), summary.status("500") == 0);
			goals.add("every refusal (429/503) at " + name + " with Retry-After",
					summary.refusalsWithoutRetryAfter() + " of " + summary.refusals() + " without",
					summary.refusalsWithoutRetryAfter() == 0);
		}
		goals.add("no payment left processing after the spike", Long.toString(after.processing()),
				after.processing() == 0);
		goals.add("ledger integrity ok after the spike",
				(after.integrityError() != null) ? "not checked" : (after.integrityOk() ? "ok" : "NOT ok"),
				after.integrityOk());
		System.out.print(goals.render());
		System.out.printf(Locale.ROOT, "%d of %d goals not met. Resident memory: %s%n", goals.unmet(), goals.size(),
				residentMemory(platform));
		System.out.printf(Locale.ROOT, "The run took %.1f minutes.%n", (System.nanoTime() - started) / 60e9);
	}

	/** One step of the saturation search, printed. */
	private static OpenModelLoad.Phase step(double rate, BenchmarkOptions options, ShopperPopulation shoppers,
			PaymentTraffic traffic, CpuMeter cpu) throws Exception {
		renew(shoppers, options.step());
		OpenModelLoad.Phase step = OpenModelLoad.measured(rate, options.step(), traffic, cpu);
		System.out.println("  " + step.line());
		if (!step.summary().problems().isEmpty()) {
			System.out.println("      problem codes: " + step.summary().problemCounts());
		}
		return step;
	}

	/**
	 * Renews the access tokens that would expire before the next phase ends, with a
	 * margin: between phases, so no phase's figures hold token refreshes.
	 */
	private static void renew(ShopperPopulation shoppers, Duration phase) throws Exception {
		shoppers.refreshExpiring(phase.plus(PaymentTraffic.TIMEOUT).plusSeconds(60), 16);
	}

	private static void printCpu(CpuMeter cpu, OpenModelLoad.Phase held, OpenModelLoad.Phase saturation) {
		System.out.printf(Locale.ROOT,
				"ms of CPU per successful payment (and cores busy), from each phase's start until the platform had "
						+ "caught up with the work it left (under %.1f cores: %.0f s after the 70 %% phase, %s after the "
						+ "saturation step):%n",
				OpenModelLoad.QUIET_CORES, held.tailSeconds(),
				(saturation == null) ? "-" : String.format(Locale.ROOT, "%.0f s", saturation.tailSeconds()));
		System.out.printf(Locale.ROOT, "  %-16s %22s %22s%n", "process", "70 % of saturation", "saturation step");
		List<String> rows = new ArrayList<>(cpu.platform());
		for (String process : rows) {
			cpuRow(process, held, saturation, phase -> phase.cpuPerPayment(process),
					phase -> phase.caused().ms().getOrDefault(process, 0.0));
		}
		cpuRow("platform total", held, saturation, phase -> phase.platformCpuPerPayment(cpu),
				phase -> phase.caused().platformMs(cpu.platform()));
		cpuRow("  of it JIT", held, saturation, OpenModelLoad.Phase::jitPerPayment, phase -> phase.caused().jitMs());
		cpuRow(CpuMeter.CLIENT, held, saturation, phase -> phase.cpuPerPayment(CpuMeter.CLIENT),
				phase -> phase.caused().ms().getOrDefault(CpuMeter.CLIENT, 0.0));
		cpuRow(CpuMeter.REST, held, saturation, phase -> phase.cpuPerPayment(CpuMeter.REST),
				phase -> phase.caused().ms().getOrDefault(CpuMeter.REST, 0.0));
		System.out.printf(Locale.ROOT,
				"  (of it JIT: the C1 and C2 compiler threads of the seven service JVMs, part of their figures above; "
						+ "%s: this JVM, which runs the HTTP client and nothing else of the platform; %s: busy time of "
						+ "the machine's cores that no process above used, i.e. other work on the shared machine)%n",
				CpuMeter.CLIENT, CpuMeter.REST);
	}

	private static void cpuRow(String name, OpenModelLoad.Phase held, OpenModelLoad.Phase saturation,
			ToDoubleFunction<OpenModelLoad.Phase> perPayment, ToDoubleFunction<OpenModelLoad.Phase> totalMs) {
		System.out.printf(Locale.ROOT, "  %-16s %22s %22s%n", name, cpuCell(held, perPayment, totalMs),
				(saturation == null) ? "-" : cpuCell(saturation, perPayment, totalMs));
	}

	private static String cpuCell(OpenModelLoad.Phase phase, ToDoubleFunction<OpenModelLoad.Phase> perPayment,
			ToDoubleFunction<OpenModelLoad.Phase> totalMs) {
		return String.format(Locale.ROOT, "%8.2f ms (%4.2f cores)", perPayment.applyAsDouble(phase),
				totalMs.applyAsDouble(phase) / 1000 / phase.caused().seconds());
	}

	private static String residentMemory(RunningPlatform platform) {
		StringBuilder text = new StringBuilder();
		platform.processes()
			.running()
			.forEach((service, process) -> text.append((text.length() == 0) ? "" : ", ")
				.append(service.name())
				.append(' ')
				.append(process.residentKib() / 1024)
				.append(" MiB"));
		return text.toString();
	}

	private static void section(String title) {
		System.out.println();
		System.out.println("== " + title);
	}

	private static String percent(double share) {
		return String.format(Locale.ROOT, "%.0f %%", share * 100);
	}

}
