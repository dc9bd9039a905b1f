package io.emberpay.local.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The point-in-time drill on the local PostgreSQL, for real: commit, take a base backup,
 * commit more, note the time, commit more still; a restore to the noted time into a new
 * data directory holds exactly what was committed before it, in every database.
 */
class PointInTimeRecoveryTests {

	private static final List<String> DATABASES = List.of("payment", "ledger");

	@TempDir
	Path work;

	@Test
	void restoreToANotedTimeHoldsExactlyTheCommitsBeforeIt() throws Exception {
		Path data = this.work.resolve("postgres");
		LocalPostgres postgres = LocalPostgres.start(data, freePort(), DATABASES, Durability.DURABLE);
		List<String> beforeTarget = new ArrayList<>();
		Instant target;
		try {
			for (String database : DATABASES) {
				execute(postgres, database, "create table drill (id varchar(64) primary key)");
			}
			beforeTarget.addAll(commit(postgres, "before-backup", 3));
			PointInTimeRecovery.backup(postgres.jdbcUrl("postgres"), data, this.work.resolve("backup"));
			beforeTarget.addAll(commit(postgres, "after-backup", 3));
			Thread.sleep(100);
			target = Instant.now();
			Thread.sleep(100);
			commit(postgres, "after-target", 3);
			// the segment holding the last commits reaches the archive
			execute(postgres, "postgres", "select pg_switch_wal()");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> query(postgres, "postgres", "select failed_count = 0 and last_archived_time is not null"
						+ " and last_archived_wal >= pg_walfile_name(pg_current_wal_lsn() - 1) from pg_stat_archiver")
					.equals(List.of("t")));
		}
		finally {
			postgres.close();
		}

		Path restored = this.work.resolve("restored");
		PointInTimeRecovery.restore(this.work.resolve("backup"), PointInTimeRecovery.walArchive(data), target,
				restored);
		LocalPostgres recovered = LocalPostgres.start(restored, freePort(), List.of(), Durability.DURABLE);
		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> query(recovered, "postgres", "select pg_is_in_recovery()").equals(List.of("f")));
			List<String> found = new ArrayList<>();
			for (String database : DATABASES) {
				found.addAll(query(recovered, database, "select id from drill"));
			}
			assertThat(found).containsExactlyInAnyOrderElementsOf(beforeTarget);
		}
		finally {
			recovered.close();
		}
	}

	/** Commits {@code count} rows one by one in every database; answers their ids. */
	private static List<String> commit(LocalPostgres postgres, String phase, int count) throws SQLException {
		List<String> ids = new ArrayList<>();
		for (String database : DATABASES) {
			for (int i = 0; i < count; i++) {
				String id = database + "-" + phase + "-" + i;
				execute(postgres, database, "insert into drill (id) values ('" + id + "')");
				ids.add(id);
			}
		}
		return ids;
	}

	private static void execute(LocalPostgres postgres, String database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database))) {
			connection.createStatement().execute(sql);
		}
	}

	private static List<String> query(LocalPostgres postgres, String database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database));
				var rows = connection.createStatement().executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
