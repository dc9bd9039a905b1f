package io.emberpay.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yardstick every benchmark reports beside its own figure:
 * {@code pgbench -b tpcb-like} tps on the same PostgreSQL, in the same run, so numbers
 * from different machines can be compared.
 */
public final class Pgbench {

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

	private Pgbench() {
	}

	/**
	 * Initialises a scale-10 pgbench database and answers the tpcb-like tps over
	 * {@code seconds}.
	 */
	public static double tpcbLikeTps(SharedPostgres postgres, int clients, int seconds) {
		postgres.jdbcUrl("pgbench");
		run(postgres, List.of("pgbench", "-i", "-q", "-s", "10", "pgbench"));
		String output = run(postgres, List.of("pgbench", "-b", "tpcb-like", "-c", Integer.toString(clients), "-j", "2",
				"-T", Integer.toString(seconds), "pgbench"));
		Matcher tps = TPS.matcher(output);
		if (!tps.find()) {
			throw new IllegalStateException("pgbench printed no tps:\n" + output);
		}
		return Double.parseDouble(tps.group(1));
	}

	private static String run(SharedPostgres postgres, List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PGHOST", postgres.host());
		builder.environment().put("PGPORT", Integer.toString(postgres.port()));
		builder.environment().put("PGUSER", postgres.username());
		builder.environment().put("PGPASSWORD", postgres.password());
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("pgbench is not installed (apt-get install postgresql-client)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
