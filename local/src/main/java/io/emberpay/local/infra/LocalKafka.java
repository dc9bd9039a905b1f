package io.emberpay.local.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.emberpay.local.process.JavaProcess;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process) in its own JVM,
 * from the Kafka jars on the launcher's classpath. Its log directory lives under the
 * project, so topics and consumer offsets survive a restart.
 */
public final class LocalKafka implements AutoCloseable {

	private final JavaProcess broker;

	private final int port;

	private LocalKafka(JavaProcess broker, int port) {
		this.broker = broker;
		this.port = port;
	}

	public static LocalKafka start(Path home, int port, int controllerPort, String classpath, Path logFile)
			throws IOException, InterruptedException {
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
		JavaProcess broker = JavaProcess.start("kafka", classpath, "kafka.Kafka", List.of(config.toString()),
				List.of("-Xmx512m", "-XX:+UseSerialGC"), logFile);
		return new LocalKafka(broker, port);
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	public JavaProcess process() {
		return this.broker;
	}

	@Override
	public void close() {
		this.broker.stop(Duration.ofSeconds(20));
	}

}
