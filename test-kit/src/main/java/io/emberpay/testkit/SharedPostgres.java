package io.emberpay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL 17 server per test JVM, started on first use and stopped when the
 * JVM exits. A Testcontainers container where a Docker engine runs, otherwise the same
 * engine embedded from Maven Central binaries. Each service gets its own database on it,
 * as in production.
 */
public final class SharedPostgres {

	/**
	 * System property naming server libraries to preload, e.g. {@code pg_stat_statements}
	 * for a benchmark that counts statements; tests leave it unset.
	 */
	public static final String PRELOAD_PROPERTY = "emberpay.test.postgres.preload";

	private static volatile SharedPostgres instance;

	private final String host;

	private final int port;

	private final String username;

	private final String password;

	private final Set<String> databases = ConcurrentHashMap.newKeySet();

	private SharedPostgres(String host, int port, String username, String password) {
		this.host = host;
		this.port = port;
		this.username = username;
		this.password = password;
	}

	public static SharedPostgres get() {
		if (instance == null) {
			synchronized (SharedPostgres.class) {
				if (instance == null) {
					instance = start();
				}
			}
		}
		return instance;
	}

	private static SharedPostgres start() {
		if (Engines.useContainers()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return new SharedPostgres(container.getHost(), container.getMappedPort(5432), container.getUsername(),
					container.getPassword());
		}
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off");
			String preload = System.getProperty(PRELOAD_PROPERTY, "");
			if (!preload.isBlank()) {
				builder.setServerConfig("shared_preload_libraries", preload);
			}
			EmbeddedPostgres postgres = builder.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is exiting; the server dies with its data directory
				}
			}));
			return new SharedPostgres("localhost", postgres.getPort(), "postgres", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

	/** The JDBC URL of {@code database}, created on first request. */
	public String jdbcUrl(String database) {
		if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("database name " + database);
		}
		if (this.databases.add(database)) {
			try (Connection connection = DriverManager.getConnection(url("postgres"), this.username, this.password);
					var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
				exists.setString(1, database);
				try (var rows = exists.executeQuery()) {
					if (!rows.next()) {
						try (var create = connection.createStatement()) {
							create.execute("create database " + database);
						}
					}
				}
			}
			catch (SQLException ex) {
				this.databases.remove(database);
				throw new IllegalStateException("Could not create database " + database, ex);
			}
		}
		return url(database);
	}

	private String url(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	public String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

}
