package io.emberpay.local.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./platform up}'s PostgreSQL keeps what it acknowledged: rows committed one by
 * one right up to a SIGKILL of every PostgreSQL process are all there after a restart.
 * The engine's own defaults (fsync off, synchronous_commit off) would lose the last
 * commits that way, so the settings themselves are checked too.
 */
class LocalPostgresDurabilityTests {

	private static final int PAYMENTS = 300;

	@TempDir
	Path work;

	private Path data;

	@BeforeEach
	void dataDirectory() {
		this.data = this.work.resolve("postgres");
	}

	@Test
	void durablePostgresKeepsEveryAcknowledgedCommitThroughASigkill() throws Exception {
		int port = freePort();
		List<String> acknowledged = new ArrayList<>();
		LocalPostgres postgres = LocalPostgres.start(this.data, port, List.of("payment"), Durability.DURABLE);
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("payment"))) {
			assertThat(settings(connection)).containsEntry("fsync", "on")
				.containsEntry("synchronous_commit", "on")
				.containsEntry("full_page_writes", "on");
			connection.createStatement()
				.execute("create table payment (id varchar(64) primary key, amount bigint not null)");
			var insert = connection.prepareStatement("insert into payment (id, amount) values (?, ?)");
			for (int i = 0; i < PAYMENTS; i++) {
				String id = "pay_" + i;
				insert.setString(1, id);
				insert.setLong(2, 1999);
				insert.executeUpdate();
				acknowledged.add(id);
			}
		}
		finally {
			killEveryPostgresProcess(this.data);
			postgres.close();
		}

		LocalPostgres restarted = LocalPostgres.start(this.data, port, List.of("payment"), Durability.DURABLE);
		try (Connection connection = DriverManager.getConnection(restarted.jdbcUrl("payment"));
				var rows = connection.createStatement().executeQuery("select id from payment")) {
			List<String> found = new ArrayList<>();
			while (rows.next()) {
				found.add(rows.getString(1));
			}
			assertThat(found).containsExactlyInAnyOrderElementsOf(acknowledged);
		}
		finally {
			restarted.close();
		}
	}

	@Test
	void ephemeralPostgresRunsWithoutFlushing() throws Exception {
		LocalPostgres postgres = LocalPostgres.start(this.data, freePort(), List.of("payment"), Durability.EPHEMERAL);
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("payment"))) {
			assertThat(settings(connection)).containsEntry("fsync", "off")
				.containsEntry("synchronous_commit", "off")
				.containsEntry("full_page_writes", "off");
		}
		finally {
			postgres.close();
		}
	}

	/**
	 * SIGKILL to the postmaster and every child at once, as a crash would: nothing gets
	 * to flush or shut down cleanly.
	 */
	private static void killEveryPostgresProcess(Path data) throws IOException, InterruptedException {
		long postmasterPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
		ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
		List<ProcessHandle> processes = new ArrayList<>(List.of(postmaster));
		processes.addAll(postmaster.descendants().toList());
		processes.forEach(ProcessHandle::destroyForcibly);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
			assertThat(System.nanoTime()).as("PostgreSQL's processes died").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static Map<String, String> settings(Connection connection) throws SQLException {
		try (var rows = connection.createStatement()
			.executeQuery("select name, setting from pg_settings"
					+ " where name in ('fsync', 'synchronous_commit', 'full_page_writes')")) {
			Map<String, String> settings = new java.util.HashMap<>();
			while (rows.next()) {
				settings.put(rows.getString(1), rows.getString(2));
			}
			return settings;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
