package io.emberpay.local.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 from Maven Central binaries, with its data in a folder of the project so
 * a restart keeps every service's data. One database per service, as in production.
 * Durable unless asked otherwise ({@link Durability}): the embedded engine's own defaults
 * turn {@code fsync} and {@code synchronous_commit} off, so each is set explicitly.
 */
public final class LocalPostgres implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	public static LocalPostgres start(Path dataDirectory, int port, List<String> databases, Durability durability)
			throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory.toFile())
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("max_connections", "400")
			.setServerConfig("shared_buffers", "256MB");
		// given after the engine's own "-F" (fsync off) on the command line, so they win
		durability.serverSettings().forEach(builder::setServerConfig);
		Path archive = PointInTimeRecovery.walArchive(dataDirectory);
		if (durability == Durability.DURABLE) {
			// every WAL segment is kept beside the data, so a base backup can be rolled
			// forward to any moment after it (PointInTimeRecovery); the command itself is
			// set below, since settings given at start must not contain spaces
			Files.createDirectories(archive);
			builder.setServerConfig("archive_mode", "on");
		}
		EmbeddedPostgres postgres = builder.start();
		if (durability == Durability.DURABLE) {
			archiveTo(postgres, archive);
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			for (String database : databases) {
				try (var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
					exists.setString(1, database);
					try (var rows = exists.executeQuery()) {
						if (!rows.next()) {
							try (var create = connection.createStatement()) {
								create.execute("create database " + database);
							}
						}
					}
				}
			}
		}
		catch (SQLException ex) {
			postgres.close();
			throw new IOException("Could not create the service databases", ex);
		}
		return new LocalPostgres(postgres);
	}

	/**
	 * Sets the archive command (kept in {@code postgresql.auto.conf}) unless it is set
	 * already, as in a restored copy that is still recovering.
	 */
	private static void archiveTo(EmbeddedPostgres postgres, Path archive) throws IOException {
		String command = PointInTimeRecovery.archiveCommand(archive);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				var current = connection.createStatement().executeQuery("show archive_command")) {
			current.next();
			if (!command.equals(current.getString(1))) {
				connection.createStatement()
					.execute("alter system set archive_command = '" + command.replace("'", "''") + "'");
				connection.createStatement().execute("select pg_reload_conf()");
			}
		}
		catch (SQLException ex) {
			postgres.close();
			throw new IOException("Could not turn on WAL archiving", ex);
		}
	}

	/** The JDBC URL of {@code database} on this server. */
	public String jdbcUrl(String database) {
		return this.postgres.getJdbcUrl("postgres", database);
	}

	/**
	 * Waits until a server started to recover has replayed to its target and opened for
	 * writes.
	 */
	public void awaitRecovered(Duration patience) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
					var rows = connection.createStatement().executeQuery("select pg_is_in_recovery()")) {
				rows.next();
				if (!rows.getBoolean(1)) {
					return;
				}
			}
			catch (SQLException notYet) {
				// still starting
			}
			if (System.nanoTime() > deadline) {
				throw new IOException("PostgreSQL did not finish recovering within " + patience);
			}
			Thread.sleep(200);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
