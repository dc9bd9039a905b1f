package io.emberpay.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Base backups and point-in-time recovery of the local PostgreSQL, with the engine alone
 * (the embedded binaries have no {@code pg_basebackup}): a durable server archives every
 * WAL segment to {@link #walArchive}; {@link #backup} copies the data directory inside
 * {@code pg_backup_start}/{@code pg_backup_stop}; {@link #restore} lays a backup into a
 * new data directory that, once started, replays the archive up to the target time and
 * then opens, every database at that instant.
 */
public final class PointInTimeRecovery {

	private static final DateTimeFormatter POSTGRES_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
		.withZone(ZoneOffset.UTC);

	/** Files of a running server that a backup must not carry. */
	private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "backup_label",
			"tablespace_map", "recovery.signal", "standby.signal");

	private PointInTimeRecovery() {
	}

	/** Where a durable server's WAL segments are archived: beside its data directory. */
	public static Path walArchive(Path dataDirectory) {
		return dataDirectory.toAbsolutePath().resolveSibling("wal-archive");
	}

	static String archiveCommand(Path archive) {
		String target = archive.toAbsolutePath().resolve("%f").toString();
		return "test ! -f '" + target + "' && cp '%p' '" + target + "'";
	}

	/**
	 * Takes a base backup of the running server into {@code backup}, a new folder, and
	 * returns once the WAL it needs is archived.
	 * @param jdbcUrl any database of the server, as a superuser
	 */
	public static void backup(String jdbcUrl, Path dataDirectory, Path backup) throws IOException, SQLException {
		if (Files.exists(backup)) {
			throw new IOException(backup + " exists already");
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl);
				Statement statement = connection.createStatement()) {
			statement.execute("select pg_backup_start('emberpay " + Instant.now() + "', true)");
			copy(dataDirectory, backup.resolve("data"), true);
			// waits until the WAL of the backup is archived
			try (ResultSet stop = statement.executeQuery("select labelfile, spcmapfile from pg_backup_stop(true)")) {
				stop.next();
				Files.writeString(backup.resolve("data/backup_label"), stop.getString(1));
				String tablespaces = stop.getString(2);
				if (tablespaces != null && !tablespaces.isEmpty()) {
					Files.writeString(backup.resolve("data/tablespace_map"), tablespaces);
				}
			}
		}
	}

	/**
	 * Lays {@code backup} into {@code dataDirectory}, a new folder, set to replay
	 * {@code archive} up to and including {@code target} when started, and then open for
	 * writes.
	 */
	public static void restore(Path backup, Path archive, Instant target, Path dataDirectory) throws IOException {
		if (Files.exists(dataDirectory)) {
			throw new IOException(dataDirectory + " exists already: restore into a new data directory");
		}
		copy(backup.resolve("data"), dataDirectory, false);
		// PostgreSQL refuses a data directory others may read
		Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
		Files.createDirectories(dataDirectory.resolve("pg_wal/archive_status"));
		// in the configuration file: a setting given at start may not contain spaces
		String restoreCommand = "cp '" + archive.toAbsolutePath().resolve("%f") + "' '%p'";
		Files.writeString(dataDirectory.resolve("postgresql.auto.conf"),
				"\nrestore_command = '" + restoreCommand.replace("'", "''") + "'\nrecovery_target_time = '"
						+ POSTGRES_TIME.format(target) + "'\nrecovery_target_action = 'promote'\n",
				StandardOpenOption.APPEND);
		Files.createFile(dataDirectory.resolve("recovery.signal"));
	}

	/**
	 * Copies a data directory; {@code live} leaves out what a running server has that a
	 * backup must not carry: its WAL (restored from the archive), its pid file and
	 * temporary files, and files that vanish while copying.
	 */
	private static void copy(Path from, Path to, boolean live) throws IOException {
		Files.walkFileTree(from, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				Path relative = from.relativize(dir);
				Files.createDirectories(to.resolve(relative.toString()));
				if (live && (relative.toString().equals("pg_wal") || relative.toString().startsWith("pgsql_tmp"))) {
					return FileVisitResult.SKIP_SUBTREE;
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				if (live && (LEFT_OUT.contains(file.getFileName().toString())
						|| file.getFileName().toString().startsWith("pgsql_tmp"))) {
					return FileVisitResult.CONTINUE;
				}
				try {
					Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
				}
				catch (NoSuchFileException vanished) {
					// dropped by the server while copying; the WAL replay recreates
					// whatever the target time needs
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				if (ex instanceof NoSuchFileException) {
					return FileVisitResult.CONTINUE;
				}
				throw new UncheckedIOException(ex);
			}

		});
	}

}
