package io.emberpay.starter.flyway;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's own tables (outbox, inbox: {@code db/emberpay}) with a Flyway history of
 * their own, {@value #HISTORY}, apart from the service's. Each history then only ever
 * grows in order, so neither needs {@code out-of-order}: a new platform migration cannot
 * sort below a service's applied versions.
 * <p>
 * Databases from before the split recorded the platform's 0.x versions in the service's
 * history; {@link #takeOverHistory()} moves them here (a baseline at the highest one
 * applied) and removes them there, once.
 */
public class PlatformMigrations {

	/** The platform tables' own history table. */
	public static final String HISTORY = "emberpay_schema_history";

	static final String LOCATION = "classpath:db/emberpay";

	private static final Logger log = LoggerFactory.getLogger(PlatformMigrations.class);

	private final DataSource dataSource;

	private final String serviceHistory;

	private final ClassLoader classLoader;

	public PlatformMigrations(Configuration service) {
		this.dataSource = service.getDataSource();
		String schema = service.getDefaultSchema();
		this.serviceHistory = (schema == null) ? service.getTable() : schema + "." + service.getTable();
		this.classLoader = service.getClassLoader();
	}

	/**
	 * Moves the platform's versions out of the service's history, where databases from
	 * before the split recorded them; nothing to do on any other database.
	 */
	public void takeOverHistory() {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		if (!exists(jdbc, this.serviceHistory)) {
			return;
		}
		List<String> recorded = jdbc
			.sql("select version from " + this.serviceHistory + " where version like '0.%' and success")
			.query(String.class)
			.list();
		if (recorded.isEmpty()) {
			return;
		}
		if (!exists(jdbc, HISTORY)) {
			MigrationVersion applied = recorded.stream()
				.map(MigrationVersion::fromVersion)
				.max(MigrationVersion::compareTo)
				.orElseThrow();
			flyway(applied).baseline();
			log.info("Platform tables' history moved to {}, at version {}", HISTORY, applied);
		}
		jdbc.sql("delete from " + this.serviceHistory + " where version like '0.%'").update();
	}

	/** Applies the platform's migrations not applied yet. */
	public void migrate() {
		flyway(MigrationVersion.fromVersion("0")).migrate();
	}

	/**
	 * The platform's Flyway. On a database that has the service's tables but none of the
	 * platform's yet, it baselines at 0 and applies every platform migration.
	 */
	private Flyway flyway(MigrationVersion baseline) {
		return Flyway.configure(this.classLoader)
			.dataSource(this.dataSource)
			.table(HISTORY)
			.locations(LOCATION)
			.baselineOnMigrate(true)
			.baselineVersion(baseline)
			.baselineDescription("platform tables, own history")
			.load();
	}

	private static boolean exists(JdbcClient jdbc, String table) {
		return jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single();
	}

}
