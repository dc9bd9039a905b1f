package io.emberpay.local.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Starts every service of a topology as its own JVM from its executable jar, waits until
 * each answers its readiness probe, and stops them all (in reverse order) on close.
 */
public final class PlatformProcesses implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<ServiceSpec, JavaProcess> running = new LinkedHashMap<>();

	private final Map<ServiceSpec, Launch> launches = new LinkedHashMap<>();

	private PlatformProcesses() {
	}

	/**
	 * @param repository the project's root folder (jars are under
	 * {@code <module>/target})
	 * @param extraArguments per service name, settings beyond the topology's
	 */
	public static PlatformProcesses start(Path repository, PlatformTopology topology, String kafkaBootstrap,
			Path runDirectory, Map<String, List<String>> extraArguments) throws IOException {
		return start(repository, topology, kafkaBootstrap, runDirectory, extraArguments, StartupTuning.none());
	}

	/**
	 * Starts every service with the given tuning; a service whose AOT cache is stale
	 * starts without it (see {@link #trainAotCaches}).
	 */
	public static PlatformProcesses start(Path repository, PlatformTopology topology, String kafkaBootstrap,
			Path runDirectory, Map<String, List<String>> extraArguments, StartupTuning tuning) throws IOException {
		PlatformProcesses processes = new PlatformProcesses();
		Path logs = runDirectory.resolve("logs");
		try {
			for (ServiceSpec service : topology.services()) {
				Path jar = executableJar(repository, service.module());
				List<String> jvm = new ArrayList<>(jvmOptions(service, tuning));
				if (tuning.usesAotCaches()) {
					AotCache cache = tuning.cache(service, jar, jvm);
					if (cache.isCurrent()) {
						jar = cache.extractedJar();
						jvm.add(cache.loadOption());
					}
				}
				List<String> args = new ArrayList<>(topology.arguments(service, kafkaBootstrap,
						extraArguments.getOrDefault(service.name(), List.of())));
				args.addAll(ServiceSecrets.arguments(runDirectory, topology, service));
				Launch launch = new Launch(jar, args, jvm, logs.resolve(service.name() + ".log"));
				processes.launches.put(service, launch);
				processes.running.put(service, launch.start(service));
			}
		}
		catch (IOException | RuntimeException ex) {
			processes.close();
			throw ex;
		}
		return processes;
	}

	/**
	 * Trains the AOT cache of every service whose cache is missing or stale, all at once,
	 * on the running PostgreSQL and Kafka (a training run refreshes the application
	 * context: Flyway, topics, clients). A failed training only leaves that service
	 * without a cache.
	 * @return the services trained, with whether each now has a cache
	 */
	public static Map<String, Boolean> trainAotCaches(Path repository, PlatformTopology topology, String kafkaBootstrap,
			Path runDirectory, Map<String, List<String>> extraArguments, StartupTuning tuning, Duration timeout)
			throws IOException, InterruptedException {
		Map<String, Boolean> trained = new LinkedHashMap<>();
		if (!tuning.usesAotCaches()) {
			return trained;
		}
		Path logs = runDirectory.resolve("logs");
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Future<Boolean>> runs = new LinkedHashMap<>();
		List<JavaProcess> live = new CopyOnWriteArrayList<>();
		// Ctrl-C while training leaves no training JVM (nor its cache assembler) behind
		Thread stopTraining = new Thread(() -> live.forEach(process -> process.stop(Duration.ofSeconds(2))));
		Runtime.getRuntime().addShutdownHook(stopTraining);
		// one thread per service: extracting a jar is mostly waiting on a child JVM too
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (ServiceSpec service : topology.services()) {
				AotCache cache = tuning.cache(service, executableJar(repository, service.module()),
						jvmOptions(service, tuning));
				if (!cache.isCurrent()) {
					List<String> args = new ArrayList<>(topology.arguments(service, kafkaBootstrap,
							extraArguments.getOrDefault(service.name(), List.of())));
					args.addAll(ServiceSecrets.arguments(runDirectory, topology, service));
					runs.put(service.name(), executor.submit(() -> {
						Path log = logs.resolve(service.name() + "-training.log");
						List<String> jvm = new ArrayList<>(cache.prepareTraining(log));
						// the training run stops right after the context's refresh: no
						// requests, consumers or schedules, and no port is bound
						jvm.add("-Dspring.context.exit=onRefresh");
						JavaProcess training = JavaProcess.startJar(service.name() + "-training", cache.extractedJar(),
								args, jvm, log);
						live.add(training);
						try {
							return cache.finishTraining(
									training.waitFor(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
						}
						finally {
							training.stop(Duration.ofSeconds(5));
						}
					}));
				}
			}
			for (var run : runs.entrySet()) {
				try {
					trained.put(run.getKey(), run.getValue().get());
				}
				catch (ExecutionException ex) {
					trained.put(run.getKey(), false);
				}
			}
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(stopTraining);
			}
			catch (IllegalStateException ex) {
				// shutting down: the hook is running or has run
			}
		}
		return trained;
	}

	private static List<String> jvmOptions(ServiceSpec service, StartupTuning tuning) {
		List<String> jvm = new ArrayList<>(
				List.of("-XX:+UseSerialGC", "-Xmx384m", "-Xss512k", "-Dspring.output.ansi.enabled=never"));
		jvm.addAll(tuning(service));
		jvm.addAll(tuning.jvmOptions());
		return jvm;
	}

	/**
	 * Reactor-netty gives the gateway at least four event loops whatever the cores; with
	 * one per core it spends about a tenth less CPU per request here, at the same
	 * latency.
	 */
	private static List<String> tuning(ServiceSpec service) {
		if (service.name().equals("gateway")) {
			return List.of("-Dreactor.netty.ioWorkerCount=" + Runtime.getRuntime().availableProcessors());
		}
		return List.of();
	}

	public static Path executableJar(Path repository, String module) throws IOException {
		Path target = repository.resolve(module).resolve("target");
		if (Files.isDirectory(target)) {
			try (var files = Files.list(target)) {
				var jar = files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst();
				if (jar.isPresent()) {
					return jar.get();
				}
			}
		}
		throw new IOException("No executable jar in " + target + ": build with ./mvnw -DskipTests package");
	}

	/** Waits until every service is ready; fails fast when one of them exits. */
	public void awaitReady(Duration timeout) throws InterruptedException {
		awaitReady(timeout, (service) -> {
		});
	}

	/**
	 * Waits until every service is ready, telling {@code onReady} as each becomes so;
	 * fails fast when one of them exits.
	 */
	public void awaitReady(Duration timeout, Consumer<ServiceSpec> onReady) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ServiceSpec> waiting = new ArrayList<>(this.running.keySet());
		while (!waiting.isEmpty()) {
			for (var iterator = waiting.iterator(); iterator.hasNext();) {
				ServiceSpec service = iterator.next();
				JavaProcess process = this.running.get(service);
				if (!process.isAlive()) {
					throw new IllegalStateException(
							service.name() + " exited during start-up; see " + process.logFile());
				}
				if (ready(service)) {
					iterator.remove();
					onReady.accept(service);
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Not ready in " + timeout + ": " + waiting.stream().map(ServiceSpec::name).toList()
								+ " (logs in " + this.running.get(waiting.get(0)).logFile().getParent() + ")");
			}
			if (!waiting.isEmpty()) {
				Thread.sleep(200);
			}
		}
	}

	private static boolean ready(ServiceSpec service) {
		try {
			HttpResponse<Void> response = HTTP
				.send(HttpRequest.newBuilder(URI.create(service.url() + service.readinessPath()))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * SIGKILLs one service, as a crash or the OOM killer would: no shutdown hook, no
	 * graceful drain.
	 */
	public void kill(String name) throws InterruptedException {
		this.running.get(service(name)).kill();
	}

	/**
	 * Starts a service that was killed again, with the settings it first had; returns at
	 * once ({@link #awaitReady} waits for it).
	 */
	public void restart(String name) throws IOException {
		ServiceSpec service = service(name);
		if (this.running.get(service).isAlive()) {
			throw new IllegalStateException(name + " is still running");
		}
		this.running.put(service, this.launches.get(service).start(service));
	}

	private ServiceSpec service(String name) {
		return this.running.keySet()
			.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no service " + name));
	}

	public Map<ServiceSpec, JavaProcess> running() {
		return Map.copyOf(this.running);
	}

	/**
	 * Stops every service gracefully, giving each up to 25 seconds to finish its work.
	 */
	@Override
	public void close() {
		stop(Duration.ofSeconds(25));
	}

	/**
	 * Stops every service at once; whatever has not finished within {@code grace} is
	 * killed.
	 */
	public void stop(Duration grace) {
		this.running.values().parallelStream().forEach(process -> process.stop(grace));
	}

	/** How a service was started, so it can be started the same way again. */
	private record Launch(Path jar, List<String> args, List<String> jvm, Path log) {

		JavaProcess start(ServiceSpec service) throws IOException {
			return JavaProcess.startJar(service.name(), this.jar, this.args, this.jvm, this.log);
		}

	}

}
