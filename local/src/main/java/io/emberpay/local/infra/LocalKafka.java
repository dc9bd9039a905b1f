package io.emberpay.local.infra;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.emberpay.local.process.AotCache;
import io.emberpay.local.process.JavaProcess;
import io.emberpay.local.process.StartupTuning;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process) in its own JVM,
 * from the Kafka jars on the launcher's classpath. Its log directory lives under the
 * project, so topics and consumer offsets survive a restart.
 */
public final class LocalKafka implements AutoCloseable {

	private final JavaProcess broker;

	private final int port;

	private final AotCache training;

	private LocalKafka(JavaProcess broker, int port, AotCache training) {
		this.broker = broker;
		this.port = port;
		this.training = training;
	}

	/**
	 * @param classpath jars only, the AOT cache refuses class folders
	 * @param tuning when it keeps AOT caches, the broker starts from its cache or, while
	 * that is stale, trains it: the cache is written when this broker stops
	 */
	public static LocalKafka start(Path home, int port, int controllerPort, String classpath, Path logFile,
			StartupTuning tuning) throws IOException, InterruptedException {
		Path logDirectory = home.resolve("data");
		Files.createDirectories(logDirectory);
		Path config = home.resolve("server.properties");
		Files.writeString(config, String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.bootstrap.servers=localhost:" + controllerPort,
				"listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
				"advertised.listeners=PLAINTEXT://localhost:" + port, "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"log.dirs=" + logDirectory.toAbsolutePath(), "num.partitions=6", "offsets.topic.replication.factor=1",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
				"group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false", ""));
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			JavaProcess format = JavaProcess.start("kafka-format", classpath, "kafka.tools.StorageTool",
					List.of("format", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c",
							config.toString(), "--standalone"),
					List.of("-Xmx256m"), logFile);
			if (format.waitFor(Duration.ofMinutes(1)) != 0) {
				throw new IOException("Formatting the Kafka log directory failed; see " + logFile);
			}
		}
		List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
		jvm.addAll(tuning.jvmOptions());
		AotCache training = null;
		if (tuning.usesAotCaches()) {
			AotCache cache = AotCache.forClasspath(tuning.aotCaches().resolve("kafka"),
					Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList(), jvm);
			if (cache.isCurrent()) {
				jvm.add(cache.loadOption());
			}
			else {
				jvm = cache.prepareTraining(logFile);
				training = cache;
			}
		}
		JavaProcess broker = JavaProcess.start("kafka", classpath, "kafka.Kafka", List.of(config.toString()), jvm,
				logFile);
		return new LocalKafka(broker, port, training);
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	public JavaProcess process() {
		return this.broker;
	}

	@Override
	public void close() {
		if (this.training == null) {
			this.broker.stop(Duration.ofSeconds(20));
			return;
		}
		// a training broker writes its AOT cache as it exits, in a few seconds more
		this.broker.stop(Duration.ofSeconds(60));
		try {
			this.training.finishTraining(this.broker.waitFor(Duration.ofSeconds(1)));
		}
		catch (IOException | InterruptedException ex) {
			System.err.println("The broker's AOT cache was not kept: " + ex.getMessage());
		}
	}

}
