package io.emberpay.local.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.emberpay.local.PlatformLauncher;
import io.emberpay.local.RunningPlatform;
import io.emberpay.local.infra.LocalKafka;
import io.emberpay.local.process.JavaProcess;
import io.emberpay.local.process.PlatformTopology;
import io.emberpay.local.process.StartupTuning;
import io.emberpay.testkit.SharedPostgres;

/**
 * The platform as the benchmarks run it. {@link #start()}: {@code ./platform up}'s local
 * settings, and fraud-service's velocity windows widened, for benchmarks whose few
 * shoppers all call from loopback. {@link #behindIngress}: as production sees a crowd of
 * shoppers, for the platform benchmark.
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
	 * The platform as behind an ingress: the gateway believes the last
	 * {@code X-Forwarded-For} entry (trusted-proxy-hops=1) and keeps production's rate
	 * limits, which then count each shopper's own address instead of loopback;
	 * fraud-service runs production's rules but the velocity windows {@code velocity}
	 * widens. The other local settings stay ({@code ./platform up}'s). Kafka runs in its
	 * own JVM rather than in this one: its CPU is then one process's, apart from the load
	 * generator's, garbage collector and JIT compilers included, which threads of a
	 * shared JVM could not tell apart.
	 */
	static Measured behindIngress(VelocityAllowance velocity) throws IOException, InterruptedException {
		Map<String, List<String>> settings = new HashMap<>(PlatformLauncher.localSettings());
		settings.put("gateway", List.of("--emberpay.gateway.trusted-proxy-hops=1"));
		List<String> fraud = new ArrayList<>(settings.getOrDefault("fraud", List.of()));
		fraud.addAll(velocity.fraudArguments());
		settings.put("fraud", fraud);
		// this run's logs only, so what a run shows can be looked up in them
		Path logs = repository().resolve("local/target/e2e/logs");
		if (Files.isDirectory(logs)) {
			try (Stream<Path> files = Files.list(logs)) {
				for (Path log : files.filter(file -> file.toString().endsWith(".log")).toList()) {
					Files.delete(log);
				}
			}
		}
		SharedPostgres postgres = SharedPostgres.get();
		LocalKafka kafka = startKafka();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> kafka.process().stop(Duration.ofSeconds(5))));
		RunningPlatform platform = RunningPlatform.startOn(kafka.bootstrapServers(), settings);
		Map<String, Long> jvms = new LinkedHashMap<>();
		for (String service : List.of("gateway", "auth", "payment", "fraud", "ledger", "notification",
				"psp-simulator")) {
			jvms.put(service, process(platform, service).pid());
		}
		List<Long> services = List.copyOf(jvms.values());
		jvms.put("kafka", kafka.process().pid());
		return new Measured(platform, new CpuMeter(jvms, postmaster(postgres), services));
	}

	/** The project's root, where the benchmark runs. */
	static Path repository() {
		String fallback = Files.isDirectory(Path.of("local")) ? "." : "..";
		return Path.of(System.getProperty("emberpay.repo", fallback)).toAbsolutePath().normalize();
	}

	/**
	 * A single-node broker in its own JVM, from a fresh log directory, once it accepts
	 * connections.
	 */
	private static LocalKafka startKafka() throws IOException, InterruptedException {
		Path repository = repository();
		Path home = repository.resolve("local/target/bench-kafka");
		if (Files.exists(home)) {
			try (Stream<Path> files = Files.walk(home)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
		String classpath = Files.readString(repository.resolve("local/target/launcher.classpath")).trim()
				+ java.io.File.pathSeparator + repository.resolve("local/target/classes");
		PlatformTopology ports = PlatformTopology.freePorts();
		LocalKafka kafka = LocalKafka.start(home, ports.kafkaPort(), ports.kafkaControllerPort(), classpath,
				repository.resolve("local/target/e2e/logs/kafka.log"), StartupTuning.none());
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("localhost", ports.kafkaPort()), 500);
				return kafka;
			}
			catch (IOException notYet) {
				if (!kafka.process().isAlive() || System.nanoTime() > deadline) {
					throw new IOException("Kafka did not start; see local/target/e2e/logs/kafka.log", notYet);
				}
				Thread.sleep(200);
			}
		}
	}

	/** PostgreSQL's postmaster: the parent of any backend. */
	private static long postmaster(SharedPostgres postgres) {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
				postgres.password());
				Statement statement = connection.createStatement();
				ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
			backend.next();
			return ProcStat.of(backend.getLong(1)).orElseThrow().parent();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not find PostgreSQL's postmaster", ex);
		}
	}

	static JavaProcess process(RunningPlatform platform, String service) {
		return platform.processes()
			.running()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().name().equals(service))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow();
	}

	/** The platform and the meter of every process's CPU, its Kafka broker's included. */
	record Measured(RunningPlatform platform, CpuMeter cpu) {
	}

	/**
	 * fraud-service's velocity windows, each with a count and amount no benchmark
	 * reaches.
	 */
	static List<String> unlimitedVelocity() {
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
