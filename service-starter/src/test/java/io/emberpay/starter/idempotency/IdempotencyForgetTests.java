package io.emberpay.starter.idempotency;

import java.time.Duration;
import java.util.List;

import io.emberpay.events.ResourceIds;
import io.emberpay.testkit.SharedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erased user's stored Idempotency-Keys and responses go, finished or not, and nobody
 * else's; in the erasure's own transaction, so they stay if it rolls back.
 */
class IdempotencyForgetTests {

	private static final String HASH = "a".repeat(64);

	private static PGSimpleDataSource database;

	private static IdempotencyStore store;

	/** The table a service that turns keys on owns (payment-service's shape). */
	@BeforeAll
	static void serviceTable() {
		SharedPostgres postgres = SharedPostgres.get();
		database = new PGSimpleDataSource();
		database.setUrl(postgres.jdbcUrl("starter_idempotency"));
		database.setUser(postgres.username());
		database.setPassword(postgres.password());
		JdbcClient jdbc = JdbcClient.create(database);
		jdbc.sql(
				"""
						create table if not exists idempotency_key (caller_id varchar(64) not null,
						    idempotency_key varchar(255) not null, request_method varchar(8) not null,
						    request_path varchar(512) not null, request_hash char(64) not null, status varchar(16) not null,
						    lock_token varchar(64), locked_until timestamptz, resource_id varchar(64), response_status int,
						    response_type varchar(128), response_body bytea, created_at timestamptz not null default now(),
						    completed_at timestamptz, expires_at timestamptz not null, primary key (caller_id, idempotency_key))""")
			.update();
		store = new IdempotencyStore(jdbc, new IdempotencyProperties(true, Duration.ofHours(24), Duration.ofMinutes(1),
				List.of("/v1/**"), List.of(), List.of(), 65_536, Duration.ofMinutes(10), 100));
	}

	@Test
	void forgettingACallerDeletesEveryKeyOfItsAndNoOneElses() {
		String erased = ResourceIds.next("usr");
		String other = ResourceIds.next("usr");
		store.complete(claim(erased, "paid"), 201, "application/json", "{\"id\":\"pay_1\"}".getBytes());
		claim(erased, "still-running");
		claim(other, "paid");

		assertThat(store.forgetCaller(erased)).isEqualTo(2);

		assertThat(store.find(erased, "paid")).isEmpty();
		assertThat(store.find(erased, "still-running")).isEmpty();
		assertThat(store.find(other, "paid")).isPresent();
		assertThat(store.forgetCaller(erased)).as("a second erasure finds nothing").isZero();
	}

	@Test
	void aForgettingRolledBackWithItsTransactionKeepsTheKeys() {
		String user = ResourceIds.next("usr");
		claim(user, "paid");
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));

		transactions.executeWithoutResult(status -> {
			assertThat(store.forgetCaller(user)).isOne();
			status.setRollbackOnly();
		});

		assertThat(store.find(user, "paid")).isPresent();
	}

	private static IdempotencyScope claim(String caller, String key) {
		IdempotencyStore.Claim claim = store.claim(caller, key, "POST", "/v1/payments", HASH);
		assertThat(claim).isInstanceOf(IdempotencyStore.Claim.Proceed.class);
		return ((IdempotencyStore.Claim.Proceed) claim).scope();
	}

}
