package io.emberpay.starter;

import java.util.List;

import io.emberpay.starter.flyway.PlatformMigrations;
import io.emberpay.testkit.SharedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's tables keep a Flyway history of their own, and a database from before
 * the split (its 0.x versions applied out of order into the service's history) is taken
 * over once, with nothing applied twice and both histories valid without out-of-order.
 */
class PlatformMigrationsTests {

	@Test
	void aNewDatabaseRecordsTheServiceAndThePlatformMigrationsInSeparateHistories() {
		PGSimpleDataSource database = database("starter_flyway_new");

		migrateAsTheStarterDoes(database);

		JdbcClient jdbc = JdbcClient.create(database);
		assertThat(versions(jdbc, "flyway_schema_history")).containsExactly("1");
		// a baseline at 0 (the service's tables came first), then every platform
		// migration
		assertThat(versions(jdbc, PlatformMigrations.HISTORY)).containsExactly("0", "0.1", "0.2", "0.3");
		assertThat(jdbc.sql("select count(*) from outbox_event").query(Long.class).single()).isZero();
	}

	@Test
	void aDatabaseFromBeforeTheSplitMovesThePlatformVersionsToTheirOwnHistoryOnce() {
		PGSimpleDataSource database = database("starter_flyway_old");
		Flyway.configure()
			.dataSource(database)
			.locations("classpath:db/migration", "classpath:db/emberpay")
			.outOfOrder(true)
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(database);
		jdbc.sql("insert into inbox_event (consumer, event_id) values ('kept', 'evt_1')").update();

		migrateAsTheStarterDoes(database);
		migrateAsTheStarterDoes(database);

		assertThat(versions(jdbc, "flyway_schema_history")).containsExactly("1");
		assertThat(versions(jdbc, PlatformMigrations.HISTORY)).containsExactly("0.3");
		assertThat(jdbc.sql("select type from " + PlatformMigrations.HISTORY).query(String.class).single())
			.isEqualTo("BASELINE");
		assertThat(jdbc.sql("select count(*) from inbox_event where consumer = 'kept'").query(Long.class).single())
			.isOne();
		serviceFlyway(database).validate();
	}

	/** What the starter's migration strategy runs at start-up. */
	private static void migrateAsTheStarterDoes(PGSimpleDataSource database) {
		Flyway service = serviceFlyway(database);
		PlatformMigrations platform = new PlatformMigrations(service.getConfiguration());
		platform.takeOverHistory();
		service.migrate();
		platform.migrate();
	}

	private static Flyway serviceFlyway(PGSimpleDataSource database) {
		return Flyway.configure().dataSource(database).locations("classpath:db/migration").load();
	}

	private static List<String> versions(JdbcClient jdbc, String history) {
		return jdbc.sql("select version from " + history + " where version is not null order by installed_rank")
			.query(String.class)
			.list();
	}

	private static PGSimpleDataSource database(String name) {
		SharedPostgres postgres = SharedPostgres.get();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(postgres.jdbcUrl(name));
		dataSource.setUser(postgres.username());
		dataSource.setPassword(postgres.password());
		return dataSource;
	}

}
