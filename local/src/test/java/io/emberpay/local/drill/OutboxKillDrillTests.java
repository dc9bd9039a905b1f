package io.emberpay.local.drill;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.emberpay.local.infra.Durability;
import io.emberpay.local.infra.LocalKafka;
import io.emberpay.local.infra.LocalPostgres;
import io.emberpay.local.process.JavaProcess;
import io.emberpay.local.process.StartupTuning;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox relay and the inbox consumer survive SIGKILL: 100,000 events written by one
 * service through its outbox and applied by another through its inbox, while the
 * producing service, the consuming service and the Kafka broker are each killed with
 * SIGKILL three times at random moments and started again. Afterwards every event was
 * applied exactly once, none is parked as poison, and each aggregate's events were
 * applied in the order they were written.
 * <p>
 * Soak: about five minutes on two cores ({@code ./mvnw -pl local verify -Psoak
 * -Dtest=OutboxKillDrillTests}).
 */
@Tag("soak")
class OutboxKillDrillTests {

	static final long EVENTS = Long.getLong("drill.events", 100_000);

	/** Slow enough that all nine kills land while events are still being written. */
	private static final int EVENTS_PER_SECOND = Integer.getInteger("drill.rate", 400);

	private static final int KILLS_EACH = 3;

	/** Kept after the run, to read what each process did around its kills. */
	private static final Path LOGS = Path.of("target/drill-logs");

	@TempDir
	Path work;

	private final Random random = new Random(Long.getLong("drill.seed", System.nanoTime()));

	@Test
	void everyEventIsAppliedOnceAndInOrderThroughSigkillsOfProducerConsumerAndBroker() throws Exception {
		String repository = System.getProperty("emberpay.repo", "..");
		String kafkaClasspath = Files.readString(Path.of(repository, "local/target/launcher.classpath")).trim();
		int kafkaPort = freePort();
		int controllerPort = freePort();
		LocalPostgres postgres = LocalPostgres.start(this.work.resolve("postgres"), freePort(),
				List.of("drill_producer", "drill_consumer"), Durability.DURABLE);
		LocalKafka kafka = startKafka(kafkaClasspath, kafkaPort, controllerPort);
		DrillProcess producer = new DrillProcess("producer", postgres.jdbcUrl("drill_producer"),
				kafka.bootstrapServers());
		DrillProcess consumer = new DrillProcess("consumer", postgres.jdbcUrl("drill_consumer"),
				kafka.bootstrapServers());
		try {
			producer.start();
			consumer.start();
			List<String> victims = new ArrayList<>();
			for (int i = 0; i < KILLS_EACH; i++) {
				victims.addAll(List.of("producer", "consumer", "kafka"));
			}
			Collections.shuffle(victims, this.random);
			awaitProgress(postgres, producer, consumer);
			for (String victim : victims) {
				Thread.sleep(2_000 + this.random.nextInt(8_000));
				System.out.printf("drill: SIGKILL %s at %d events written, %d applied%n", victim, written(postgres),
						applied(postgres));
				long killed = System.nanoTime();
				switch (victim) {
					case "producer" -> producer.killAndRestart(this.random);
					case "consumer" -> consumer.killAndRestart(this.random);
					default -> {
						kafka.process().kill();
						Thread.sleep(this.random.nextInt(3_000));
						kafka = startKafka(kafkaClasspath, kafkaPort, controllerPort);
					}
				}
				// the next kill lands on a platform that is working again, not on one
				// still starting
				awaitProgress(postgres, producer, consumer);
				System.out.printf("drill: %s back, events flowing again %.1f s after its SIGKILL%n", victim,
						(System.nanoTime() - killed) / 1e9);
			}
			long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
			long drainFrom = System.nanoTime();
			long appliedBefore = applied(postgres);
			while (applied(postgres) < EVENTS && System.nanoTime() < deadline) {
				producer.assertAlive();
				consumer.assertAlive();
				Thread.sleep(1_000);
			}
			System.out.printf("drill: after the last kill, %d events applied in %.1f s (%.0f events/s)%n",
					EVENTS - appliedBefore, (System.nanoTime() - drainFrom) / 1e9,
					(EVENTS - appliedBefore) / ((System.nanoTime() - drainFrom) / 1e9));
			assertThat(written(postgres)).as("events the producer committed").isEqualTo(EVENTS);
			try (Connection consumed = DriverManager.getConnection(postgres.jdbcUrl("drill_consumer"))) {
				assertThat(count(consumed, "select count(distinct event_id) from drill_applied"))
					.as("distinct events applied (none lost)")
					.isEqualTo(EVENTS);
				assertThat(count(consumed, "select count(*) from drill_applied"))
					.as("applications (none applied twice)")
					.isEqualTo(EVENTS);
				assertThat(count(consumed,
						"select count(*) from drill_applied where event_id <> 'evt_drill_' || seq or seq < 0 or seq >= "
								+ EVENTS))
					.as("applications that are not one of the written events")
					.isZero();
				assertThat(count(consumed, """
						select count(*) from (
						  select seq, lag(seq) over (partition by aggregate_id order by id) as previous
						  from drill_applied) applications
						where previous > seq""")).as("events applied before an earlier event of the same aggregate")
					.isZero();
				assertThat(count(consumed, "select count(*) from inbox_dead_letter")).as("events parked as poison")
					.isZero();
			}
		}
		finally {
			producer.stop();
			consumer.stop();
			kafka.close();
			postgres.close();
		}
	}

	/** Until events are being written and applied again (or all of them are). */
	private static void awaitProgress(LocalPostgres postgres, DrillProcess producer, DrillProcess consumer)
			throws SQLException, InterruptedException {
		long writtenBefore = written(postgres);
		long appliedBefore = applied(postgres);
		// two Spring services and a broker starting together on a busy 2-core machine
		// took minutes
		long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
		while (System.nanoTime() < deadline) {
			long written = written(postgres);
			long applied = applied(postgres);
			if ((written > writtenBefore || written == EVENTS) && (applied > appliedBefore || applied == EVENTS)) {
				return;
			}
			producer.assertAlive();
			consumer.assertAlive();
			Thread.sleep(250);
		}
		throw new AssertionError("no progress for 6 minutes after a (re)start; logs in " + LOGS.toAbsolutePath());
	}

	private LocalKafka startKafka(String classpath, int port, int controllerPort)
			throws IOException, InterruptedException {
		return LocalKafka.start(this.work.resolve("kafka"), port, controllerPort, classpath, LOGS.resolve("kafka.log"),
				StartupTuning.none());
	}

	private static long written(LocalPostgres postgres) throws SQLException {
		try (Connection produced = DriverManager.getConnection(postgres.jdbcUrl("drill_producer"))) {
			return count(produced, "select next_seq from drill_progress where id = 1");
		}
		catch (SQLException notMigratedYet) {
			return 0;
		}
	}

	private static long applied(LocalPostgres postgres) throws SQLException {
		try (Connection consumed = DriverManager.getConnection(postgres.jdbcUrl("drill_consumer"))) {
			return count(consumed, "select count(distinct event_id) from drill_applied");
		}
		catch (SQLException notMigratedYet) {
			return 0;
		}
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (var rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** One drill service JVM, started on the test's own classpath. */
	private final class DrillProcess {

		private final String role;

		private final String jdbcUrl;

		private final String kafka;

		private JavaProcess process;

		DrillProcess(String role, String jdbcUrl, String kafka) {
			this.role = role;
			this.jdbcUrl = jdbcUrl;
			this.kafka = kafka;
		}

		void start() throws IOException {
			this.process = JavaProcess.start("drill-" + this.role, serviceClasspath(), DrillService.class.getName(),
					List.of("--spring.application.name=drill-" + this.role, "--drill.role=" + this.role,
							"--drill.events=" + EVENTS, "--drill.rate=" + EVENTS_PER_SECOND, "--server.port=0",
							"--spring.datasource.url=" + this.jdbcUrl, "--spring.flyway.locations=classpath:db/drill",
							"--emberpay.kafka.bootstrap-servers=" + this.kafka,
							"--emberpay.security.jwks-uri=http://127.0.0.1:9/unused",
							"--logging.structured.format.console=", "--logging.level.root=WARN"),
					List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
					LOGS.resolve("drill-" + this.role + ".log"));
		}

		/**
		 * The test's classpath less slf4j-simple, which the launcher's tools log with and
		 * a Spring Boot service (Logback) refuses beside its own.
		 */
		private static String serviceClasspath() {
			return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
				.filter((entry) -> !entry.contains("slf4j-simple"))
				.collect(Collectors.joining(File.pathSeparator));
		}

		void assertAlive() {
			assertThat(this.process.isAlive()).as("drill %s is running (see %s)", this.role, this.process.logFile())
				.isTrue();
		}

		void killAndRestart(Random random) throws IOException, InterruptedException {
			this.process.kill();
			Thread.sleep(random.nextInt(3_000));
			start();
		}

		void stop() {
			if (this.process != null) {
				this.process.stop(Duration.ofSeconds(10));
			}
		}

	}

}
