package io.emberpay.local;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.emberpay.local.demo.PaymentWalkthrough;
import io.emberpay.local.infra.Durability;
import io.emberpay.local.infra.LocalKafka;
import io.emberpay.local.infra.LocalPostgres;
import io.emberpay.local.infra.PointInTimeRecovery;
import io.emberpay.local.process.JavaProcess;
import io.emberpay.local.process.PlatformProcesses;
import io.emberpay.local.process.PlatformTopology;
import io.emberpay.local.process.ServiceSecrets;
import io.emberpay.local.process.ServiceSpec;
import io.emberpay.local.process.StartupTuning;

/**
 * {@code up}: PostgreSQL, Kafka, the PSP simulator and every service on this machine,
 * each in its own process, until Ctrl-C; PostgreSQL durable unless {@code --ephemeral}.
 * {@code demo}: one payment walked through a running platform.
 */
public final class PlatformLauncher {

	/** A backup's folder name: when it was taken, UTC, sortable. */
	private static final DateTimeFormatter BACKUP_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private PlatformLauncher() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length == 0) ? "up" : args[0];
		Path repository = Path.of(System.getProperty("emberpay.repo", ".")).toAbsolutePath().normalize();
		switch (command) {
			case "up" -> up(repository, durability(List.of(args).subList(1, args.length)), "postgres", false);
			case "backup" -> backup(repository);
			case "restore" -> restore(repository, List.of(args).subList(1, args.length));
			case "demo" -> demo(PlatformTopology.standard().gatewayUrl());
			case "operator" -> operator(repository, List.of(args).subList(1, args.length));
			default -> usage();
		}
	}

	private static void usage() {
		System.err.println("usage: platform up [--ephemeral] | demo | build | backup | restore --to <RFC 3339 time>"
				+ " | operator create <email>");
		System.exit(2);
	}

	/** Durable, unless {@code --ephemeral} asks to trade crash safety for speed. */
	static Durability durability(List<String> options) {
		Durability durability = Durability.DURABLE;
		for (String option : options) {
			if (option.equals("--ephemeral")) {
				durability = Durability.EPHEMERAL;
			}
			else {
				usage();
			}
		}
		return durability;
	}

	/** What {@code up} says about the data before it starts anything. */
	static String durabilityNotice(Durability durability, Path data) {
		return switch (durability) {
			case DURABLE ->
				"PostgreSQL is durable (fsync and synchronous_commit on): a crash loses no acknowledged payment. Data in "
						+ data;
			case EPHEMERAL ->
				"EPHEMERAL: PostgreSQL runs with fsync, synchronous_commit and full_page_writes OFF for speed."
						+ "\n  A crash of PostgreSQL or of this machine may lose acknowledged payments or corrupt "
						+ data + ".\n  Use it for throwaway data only; ./platform up without --ephemeral is durable.";
		};
	}

	/**
	 * A base backup of the running platform's PostgreSQL into
	 * {@code .platform/backups/<time>}; with the WAL archive beside the data, it can be
	 * restored to any moment after it.
	 */
	private static void backup(Path repository) throws Exception {
		Path run = repository.resolve(".platform");
		Path backup = run.resolve("backups/" + BACKUP_NAME.format(Instant.now()));
		int port = PlatformTopology.standard().postgresPort();
		System.out.println("Taking a base backup of PostgreSQL on :" + port + " into " + backup);
		PointInTimeRecovery.backup("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres",
				run.resolve("postgres"), backup);
		System.out.println("Done. Restore to any later moment: ./platform restore --to <RFC 3339 time>");
	}

	/**
	 * Every database as it was at {@code --to}: the latest backup before it is laid into
	 * a new data directory, replayed from the WAL archive up to that instant, and the
	 * platform starts on it. The current data directory is left as it is.
	 */
	private static void restore(Path repository, List<String> options) throws Exception {
		if (options.size() != 2 || !options.get(0).equals("--to")) {
			usage();
		}
		Instant target = OffsetDateTime.parse(options.get(1)).toInstant();
		Path run = repository.resolve(".platform");
		Path backup = latestBackupBefore(run.resolve("backups"), target);
		String restored = "postgres-restored-" + BACKUP_NAME.format(Instant.now());
		System.out.println("Restoring " + backup + " to " + target + " into " + run.resolve(restored));
		PointInTimeRecovery.restore(backup, PointInTimeRecovery.walArchive(run.resolve("postgres")), target,
				run.resolve(restored));
		up(repository, Durability.DURABLE, restored, true);
	}

	static Path latestBackupBefore(Path backups, Instant target) throws IOException {
		if (!Files.isDirectory(backups)) {
			throw new IOException("No backups in " + backups + ": take one with ./platform backup");
		}
		try (Stream<Path> taken = Files.list(backups)) {
			return taken
				.filter((backup) -> BACKUP_NAME.parse(backup.getFileName().toString(), Instant::from).isBefore(target))
				.max(Comparator.comparing((Path backup) -> backup.getFileName().toString()))
				.orElseThrow(() -> new IOException("No backup in " + backups + " was taken before " + target));
		}
	}

	private static void up(Path repository, Durability durability, String dataDirectory, boolean recovering)
			throws Exception {
		long started = System.nanoTime();
		PlatformTopology topology = PlatformTopology.standard();
		Path run = repository.resolve(".platform");
		Files.createDirectories(run.resolve("logs"));
		String classpath = Files.readString(repository.resolve("local/target/launcher.classpath")).trim();
		System.out.println(durabilityNotice(durability, run.resolve(dataDirectory)));
		System.out.println("Starting PostgreSQL 17 on :" + topology.postgresPort());
		LocalPostgres postgres = LocalPostgres.start(run.resolve(dataDirectory), topology.postgresPort(),
				recovering ? List.of() : PlatformTopology.DATABASES, durability);
		if (recovering) {
			postgres.awaitRecovered(Duration.ofMinutes(10));
			System.out.println("Recovered; this run uses " + run.resolve(dataDirectory)
					+ " (to keep it, stop and move it to " + run.resolve("postgres") + ")");
		}
		System.out.println("Starting Kafka (KRaft) on :" + topology.kafkaPort());
		StartupTuning tuning = quickStart(run);
		LocalKafka kafka = LocalKafka.start(run.resolve("kafka"), topology.kafkaPort(), topology.kafkaControllerPort(),
				classpath, run.resolve("logs/kafka.log"), tuning);
		PlatformProcesses[] holder = new PlatformProcesses[1];
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping the platform…");
			if (holder[0] != null) {
				holder[0].close();
			}
			kafka.close();
			try {
				postgres.close();
			}
			catch (java.io.IOException ex) {
				System.err.println("PostgreSQL did not stop cleanly: " + ex.getMessage());
			}
			System.out.println("Stopped; nothing left running.");
		}, "platform-shutdown"));
		long training = System.nanoTime();
		Map<String, Boolean> trained = trainAotCaches(repository, topology, kafka, run, tuning);
		training = System.nanoTime() - training;
		PlatformProcesses services = PlatformProcesses.start(repository, topology, kafka.bootstrapServers(), run,
				localSettings(), tuning);
		holder[0] = services;
		System.out.println("Starting " + topology.services().size() + " services; logs in " + run.resolve("logs"));
		services.awaitReady(Duration.ofMinutes(5), (service) -> System.out.printf("  %-14s ready at %5.1f s%n",
				service.name(), (System.nanoTime() - started) / 1e9));
		System.out.printf("%nAll healthy in %.1f s%s%n", (System.nanoTime() - started) / 1e9,
				trained.isEmpty() ? "" : String.format(" (%.1f s of it training AOT caches)", training / 1e9));
		for (ServiceSpec service : topology.services()) {
			JavaProcess process = services.running().get(service);
			System.out.printf("  %-14s %s  (pid %d, %d MiB resident)%n", service.name(), service.url(), process.pid(),
					process.residentKib() / 1024);
		}
		System.out.println("  PostgreSQL     localhost:" + topology.postgresPort() + " (postgres/postgres)");
		System.out.println("  Kafka          " + kafka.bootstrapServers());
		System.out.println("\nAPI:  " + topology.gatewayUrl() + "/v1   docs: " + topology.gatewayUrl()
				+ "/swagger-ui.html   console: " + topology.gatewayUrl() + "/console/"
				+ "\nTry: ./platform demo     First operator: ./platform operator create <email>     Stop: Ctrl-C");
		Thread.currentThread().join();
	}

	/**
	 * A quick local start: each service's JVM loads an AOT cache of the classes it linked
	 * and the methods it ran during a training start, kept in {@code .platform/aot}.
	 */
	static StartupTuning quickStart(Path run) {
		return StartupTuning.aotCaches(run.resolve("aot"), List.of("-XX:TieredStopAtLevel=1"));
	}

	private static Map<String, Boolean> trainAotCaches(Path repository, PlatformTopology topology, LocalKafka kafka,
			Path run, StartupTuning tuning) throws Exception {
		long started = System.nanoTime();
		System.out.println("Checking the AOT caches in " + run.resolve("aot")
				+ " (a service whose jar changed trains its cache first: a minute or two)");
		Map<String, Boolean> trained = PlatformProcesses.trainAotCaches(repository, topology, kafka.bootstrapServers(),
				run, localSettings(), tuning, Duration.ofMinutes(10));
		if (!trained.isEmpty()) {
			System.out.printf("Trained AOT caches in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, trained);
		}
		return trained;
	}

	/**
	 * Settings that only make sense on a developer's machine, e.g. webhooks to loopback
	 * over plain http.
	 */
	public static Map<String, List<String>> localSettings() {
		// The demo's merchant server listens on loopback over plain http; production
		// allows
		// neither. Every local client shares one address, 127.0.0.1, so per-address
		// limits would
		// throttle the demo, the tests and the load generator as if they were one abusive
		// client.
		// Seven JVMs share a laptop's cores and their first requests run interpreted:
		// fraud-service's 40 ms scoring budget would turn a cold start's first payments
		// into "review" fallbacks (a step-up the demo user cannot pass), so locally it
		// gets most of payment-service's 300 ms timeout.
		// Merchants' funds become available after seconds rather than T+2, and payouts in
		// transit are tracked every few seconds, so a local run shows money's whole way.
		return Map.of("ledger",
				List.of("--emberpay.ledger.availability.delay=5s", "--emberpay.ledger.availability.interval=2s"),
				"payment", List.of("--emberpay.payouts.track-interval=3s", "--emberpay.payouts.track-after=2s"),
				"notification", List.of("--emberpay.notification.webhooks.insecure-local-hosts=localhost,127.0.0.1"),
				"fraud", List.of("--emberpay.fraud.scoring.deadline=250ms"), "gateway",
				List.of("--emberpay.gateway.rate-limits.per-ip.capacity=10000000",
						"--emberpay.gateway.rate-limits.credentials.capacity=100000",
						"--emberpay.gateway.rate-limits.signup.capacity=100000",
						"--emberpay.gateway.rate-limits.per-principal.capacity=10000000"));
	}

	/**
	 * {@code operator create <email>}: auth-service's one-shot bootstrap command against
	 * the running platform's database; it prints the operator's one-time password. No SQL
	 * by hand, and the operator enrols TOTP at the first console sign-in.
	 */
	private static void operator(Path repository, List<String> options) throws Exception {
		if (options.size() != 2 || !options.get(0).equals("create")) {
			usage();
		}
		PlatformTopology topology = PlatformTopology.standard();
		try (var probe = new Socket("localhost", topology.postgresPort())) {
			// reachable: the platform is up
		}
		catch (IOException ex) {
			System.err.println("The platform's PostgreSQL is not running on :" + topology.postgresPort()
					+ ". Start the platform first: ./platform up");
			System.exit(1);
		}
		List<String> command = operatorCommand(repository, repository.resolve(".platform"), topology,
				"localhost:" + topology.kafkaPort(), options.get(1));
		Process bootstrap = new ProcessBuilder(command).inheritIO().start();
		System.exit(bootstrap.waitFor());
	}

	/**
	 * auth-service's bootstrap command line for {@code email} on this topology's
	 * database, with the secrets of the platform run in {@code runDirectory}
	 * (auth-service's own client secret among them: it will not start without one).
	 */
	public static List<String> operatorCommand(Path repository, Path runDirectory, PlatformTopology topology,
			String kafkaBootstrap, String email) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-jar", PlatformProcesses.executableJar(repository, "auth-service").toString()));
		// a whole auth-service on a free port, beside the one that may be running: its
		// security configuration (token keys among it) exists only in a web application
		command.addAll(topology
			.arguments(topology.service("auth"), kafkaBootstrap,
					List.of("--spring.main.banner-mode=off", "--logging.level.root=WARN",
							"--emberpay.auth.bootstrap-operator.email=" + email))
			.stream()
			.map((argument) -> argument.startsWith("--server.port=") ? "--server.port=0" : argument)
			.toList());
		command.addAll(ServiceSecrets.arguments(runDirectory, topology, topology.service("auth")));
		return command;
	}

	private static void demo(String gatewayUrl) throws Exception {
		System.out.println("Walking one payment through " + gatewayUrl);
		PaymentWalkthrough.Result result = new PaymentWalkthrough(gatewayUrl, System.out::println,
				Duration.ofSeconds(30))
			.run();
		System.out.println(result.webhookSignatureVerified() ? "Demo succeeded." : "Demo FAILED: signature");
		if (!result.webhookSignatureVerified()) {
			System.exit(1);
		}
	}

}
