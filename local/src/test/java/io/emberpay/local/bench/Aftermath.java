package io.emberpay.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.emberpay.testkit.SharedPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * What a spike left behind, once the platform has drained: payments still
 * {@code processing} in payment-service's database (the acquirer's answer never
 * recorded), and the ledger's own integrity check (every transaction balanced, the hash
 * chain intact, every balance the sum of its entries). Drained means no payment
 * processing and the ledger's head unchanged between two looks, or the time limit.
 */
final class Aftermath {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration LOOK_EVERY = Duration.ofSeconds(5);

	private final SharedPostgres postgres;

	private final URI integrity;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The launcher's check identity's token for ledger-service. */
	private final java.util.function.Supplier<String> token;

	Aftermath(SharedPostgres postgres, String ledgerUrl, java.util.function.Supplier<String> token) {
		this.postgres = postgres;
		this.integrity = URI.create(ledgerUrl + "/internal/v1/integrity");
		this.token = token;
	}

	Result settle(Duration limit) throws InterruptedException {
		long started = System.nanoTime();
		long deadline = started + limit.toNanos();
		Look previous = look();
		while (System.nanoTime() < deadline) {
			Thread.sleep(LOOK_EVERY);
			Look next = look();
			boolean drained = next.processing() == 0 && next.ledgerHead() == previous.ledgerHead()
					&& next.ledger().path("ok").isBoolean();
			previous = next;
			if (drained) {
				break;
			}
		}
		JsonNode ledger = previous.ledger();
		List<String> problems = new ArrayList<>();
		ledger.path("problems").forEach(problem -> problems.add(problem.asString()));
		return new Result(Duration.ofNanos(System.nanoTime() - started), previous.processing(), paymentStatuses(),
				ledger.path("ok").asBoolean(false), ledger.path("transactions_checked").asLong(-1), problems,
				ledger.isMissingNode() ? previous.ledgerError() : null);
	}

	private Look look() {
		long processing = processing();
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.integrity)
				.header("Authorization", "Bearer " + this.token.get())
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return new Look(processing, MissingNode.getInstance(), -1,
						"HTTP " + response.statusCode() + ": " + response.body());
			}
			JsonNode report = JSON.readTree(response.body());
			return new Look(processing, report, report.path("head_seq").asLong(-1), null);
		}
		catch (IOException ex) {
			return new Look(processing, MissingNode.getInstance(), -1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Look(processing, MissingNode.getInstance(), -1, ex.toString());
		}
	}

	private long processing() {
		return query("select count(*) from payment where status = 'processing'").values()
			.stream()
			.mapToLong(Long::longValue)
			.sum();
	}

	private Map<String, Long> paymentStatuses() {
		return query("select status, count(*) from payment group by status");
	}

	private Map<String, Long> query(String sql) {
		Map<String, Long> rows = new TreeMap<>();
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl("payment"),
				this.postgres.username(), this.postgres.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				rows.put((columns == 1) ? "count" : result.getString(1), result.getLong(columns));
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read payment-service's database", ex);
		}
	}

	private record Look(long processing, JsonNode ledger, long ledgerHead, String ledgerError) {
	}

	/**
	 * After the drain: how long it took, payments left processing, every payment's
	 * status, and the ledger's integrity report (or why it could not be had).
	 */
	record Result(Duration waited, long processing, Map<String, Long> paymentStatuses, boolean integrityOk,
			long transactionsChecked, List<String> problems, String integrityError) {
	}

}
