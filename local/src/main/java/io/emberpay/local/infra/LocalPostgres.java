package io.emberpay.local.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 from Maven Central binaries, with its data in a folder of the project so
 * a restart keeps every service's data. One database per service, as in production.
 */
public final class LocalPostgres implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	public static LocalPostgres start(Path dataDirectory, int port, List<String> databases) throws IOException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory.toFile())
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("max_connections", "400")
			.setServerConfig("shared_buffers", "256MB")
			.start();
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

	public int port() {
		return this.postgres.getPort();
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
