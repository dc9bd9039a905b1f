package io.emberpay.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.local.process.PlatformProcesses;
import io.emberpay.local.process.PlatformTopology;
import io.emberpay.local.process.ServiceSecrets;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.SharedKafka;
import io.emberpay.testkit.SharedPostgres;

/**
 * The whole platform for the end-to-end tests, started once per test JVM: every service's
 * executable jar as its own process on free ports, on the test JVM's shared PostgreSQL
 * and Kafka.
 */
public final class RunningPlatform {

	private static volatile RunningPlatform instance;

	private final PlatformTopology topology;

	private final PlatformProcesses processes;

	private final Path runDirectory;

	private RunningPlatform(PlatformTopology topology, PlatformProcesses processes, Path runDirectory) {
		this.topology = topology;
		this.processes = processes;
		this.runDirectory = runDirectory;
	}

	public static RunningPlatform get() throws IOException, InterruptedException {
		return get(endToEndSettings(PlatformLauncher.localSettings()));
	}

	/**
	 * The end-to-end tests' platform admits only a few requests at once at each hop, so a
	 * modest burst in {@code OverloadContractTests} crosses every limit: the gateway's
	 * payment route, payment-service and fraud-service. The other tests call one request
	 * at a time and never reach them. The gateway believes one proxy's
	 * {@code X-Forwarded-For}, as behind an ingress, so a test's shoppers can each have
	 * their own address.
	 */
	static Map<String, List<String>> endToEndSettings(Map<String, List<String>> settings) throws IOException {
		Map<String, List<String>> tiny = new HashMap<>();
		settings.forEach((service, args) -> tiny.put(service, new ArrayList<>(args)));
		tiny.computeIfAbsent("gateway", service -> new ArrayList<>())
			.addAll(List.of("--emberpay.gateway.admission.max-in-flight.payment=8",
					"--emberpay.gateway.trusted-proxy-hops=1"));
		tiny.computeIfAbsent("payment", service -> new ArrayList<>())
			.addAll(List.of("--emberpay.admission.max-concurrent-requests=4",
					"--emberpay.admission.max-queue-wait=0ms"));
		tiny.computeIfAbsent("fraud", service -> new ArrayList<>())
			.addAll(List.of("--emberpay.admission.max-concurrent-requests=2",
					"--emberpay.admission.max-queue-wait=0ms"));
		tiny.get("fraud").addAll(SharedTestCardRules.fraudArguments(FraudServiceRules.ofJar(repository())));
		return tiny;
	}

	/** The platform with per-service settings of the caller's, e.g. a benchmark's. */
	public static RunningPlatform get(Map<String, List<String>> settings) throws IOException, InterruptedException {
		ContractTraffic.record();
		if (instance == null) {
			synchronized (RunningPlatform.class) {
				if (instance == null) {
					instance = start(settings);
				}
			}
		}
		return instance;
	}

	/**
	 * A platform of the caller's own on a broker of the caller's, not the shared one of
	 * {@link #get}: a benchmark runs Kafka in its own process to measure its CPU apart.
	 * It waits longer for the services to be ready: seven JVMs starting on a shared
	 * 2-core machine took nearly four minutes while other platforms started beside them.
	 */
	public static RunningPlatform startOn(String kafkaBootstrap, Map<String, List<String>> settings)
			throws IOException, InterruptedException {
		return start(settings, kafkaBootstrap, Duration.ofMinutes(8));
	}

	/**
	 * Four minutes unless {@code -Demberpay.e2e.ready-within=PT8M} says otherwise: a
	 * machine shared with other builds may need longer.
	 */
	private static RunningPlatform start(Map<String, List<String>> settings) throws IOException, InterruptedException {
		return start(settings, SharedKafka.bootstrapServers(),
				Duration.parse(System.getProperty("emberpay.e2e.ready-within", "PT4M")));
	}

	private static RunningPlatform start(Map<String, List<String>> settings, String kafkaBootstrap,
			Duration readyWithin) throws IOException, InterruptedException {
		SharedPostgres postgres = SharedPostgres.get();
		PlatformTopology.DATABASES.forEach(postgres::jdbcUrl);
		PlatformTopology free = PlatformTopology.freePorts();
		PlatformTopology topology = new PlatformTopology(free.services(), postgres.port(), free.kafkaPort(),
				free.kafkaControllerPort());
		Path repository = repository();
		Path run = repository.resolve("local/target/e2e");
		Files.createDirectories(run);
		PlatformProcesses processes = PlatformProcesses.start(repository, topology, kafkaBootstrap, run, settings);
		// tests need no graceful goodbye, and the test JVM must exit before surefire's
		// deadline
		Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.stop(Duration.ofSeconds(5))));
		try {
			processes.awaitReady(readyWithin);
		}
		catch (RuntimeException | InterruptedException ex) {
			processes.stop(Duration.ofSeconds(5));
			throw ex;
		}
		return new RunningPlatform(topology, processes, run);
	}

	/** The project's root, whose modules' executable jars the platform runs. */
	private static Path repository() {
		// surefire runs in local/, a benchmark launched by ./bench in the project's root
		String fallback = Files.isDirectory(Path.of("local")) ? "." : "..";
		return Path.of(System.getProperty("emberpay.repo", fallback)).toAbsolutePath().normalize();
	}

	public PlatformTopology topology() {
		return this.topology;
	}

	public String gatewayUrl() {
		return this.topology.gatewayUrl();
	}

	public PlatformProcesses processes() {
		return this.processes;
	}

	public Path logs() {
		return this.runDirectory.resolve("logs");
	}

	/** Where this platform keeps its secrets and logs. */
	public Path runDirectory() {
		return this.runDirectory;
	}

	/**
	 * A service token of the launcher's check identity for calling {@code audience} (e.g.
	 * ledger-service's integrity check), issued by the running auth-service.
	 */
	public String checkToken(String audience) throws IOException {
		return checkToken(this.runDirectory, this.topology.service("auth").url(), audience);
	}

	public static String checkToken(Path runDirectory, String authUrl, String audience) throws IOException {
		String basic = ServiceSecrets.basicCredentials(runDirectory, ServiceSecrets.PLATFORM_CHECK,
				ServiceSecrets.PLATFORM_CHECK);
		ApiClient.Response issued = new ApiClient(authUrl).post("/internal/v1/service_tokens",
				Map.of("audience", audience), Map.of("Authorization", basic));
		if (issued.status() != 200) {
			throw new IllegalStateException("auth-service issued no check token: " + issued.body());
		}
		return issued.text("access_token");
	}

}
