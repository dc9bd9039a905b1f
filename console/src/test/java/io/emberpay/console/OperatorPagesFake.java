package io.emberpay.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * The operator endpoints behind the fraud lists and thresholds, merchants list, audit log
 * and ledger integrity pages, for {@link FakeGateway}'s operator with TOTP:
 * fraud-service's lists (a {@code bin} must be 6 to 8 digits, like the real one) and
 * thresholds, the merchants {@code mer_a} (Shop A) and {@code mer_b} (Books B), each
 * source of the audit log, and the ledger's integrity report.
 */
final class OperatorPagesFake {

	/** Each list's entries by value, as JSON. */
	final Map<String, Map<String, String>> lists = new ConcurrentHashMap<>();

	/** Merchants with their own thresholds: {review_at, decline_at}. */
	final Map<String, int[]> thresholds = new ConcurrentHashMap<>();

	final Map<String, String> merchantStatus = new ConcurrentHashMap<>(Map.of("mer_a", "active", "mer_b", "active"));

	/** Whether the ledger's integrity check fails. */
	volatile boolean ledgerBroken;

	/** Whether payment-service's routing audit answers (it is a 503 otherwise). */
	volatile boolean routingAuditUp = true;

	boolean answer(HttpExchange exchange, String key, String body) throws IOException {
		String query = exchange.getRequestURI().getRawQuery();
		if (key.startsWith("GET /v1/fraud/lists/") || key.startsWith("PUT /v1/fraud/lists/")
				|| key.startsWith("DELETE /v1/fraud/lists/")) {
			list(exchange, key, body);
		}
		else if (key.matches("(GET|PUT) /v1/fraud/merchants/mer_[a-z0-9_]+/thresholds")) {
			thresholds(exchange, key, body);
		}
		else if (key.equals("GET /v1/merchants")) {
			merchants(exchange, (query == null) ? "" : query);
		}
		else if (key.matches("GET /v1/merchants/mer_[ab]")) {
			send(exchange, 200, merchant(key.substring(key.lastIndexOf('/') + 1)));
		}
		else if (key.matches("POST /v1/merchants/mer_[ab]/suspend")) {
			String id = key.split("/")[3];
			this.merchantStatus.put(id, "suspended");
			send(exchange, 200, merchant(id));
		}
		else if (key.equals("GET /v1/ledger/integrity")) {
			send(exchange, 200,
					this.ledgerBroken
							? "{\"ok\":false,\"transactions_checked\":41,\"head_seq\":42,"
									+ "\"problems\":[\"transaction 17 does not balance\"]}"
							: "{\"ok\":true,\"transactions_checked\":42,\"head_seq\":42,\"problems\":[]}");
		}
		else if (key.equals("GET /v1/fraud/audit")) {
			send(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"7\",\"actor\":\"usr_fraud_op\","
					+ "\"action\":\"list_entry_added\",\"target\":\"bin:411111\",\"detail\":\"block: card testing\","
					+ "\"occurred_at\":\"2026-11-20T10:00:00Z\"}],\"has_more\":false}");
		}
		else if (key.equals("GET /v1/acquirers/audit")) {
			if (!this.routingAuditUp) {
				problem(exchange, 503, "unavailable");
				return true;
			}
			send(exchange, 200,
					"{\"object\":\"list\",\"data\":[{\"id\":\"3\",\"object\":\"acquirer_routing_change\","
							+ "\"psp\":\"psp-a\",\"previous_state\":\"active\",\"state\":\"draining\","
							+ "\"reason\":\"Acquirer maintenance window\",\"changed_by\":\"usr_routing_op\","
							+ "\"changed_at\":\"2026-11-21T10:00:00.123456Z\"}],\"has_more\":false}");
		}
		else if (key.equals("GET /v1/auth/security_events")) {
			send(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"9\",\"object\":\"security_event\","
					+ "\"occurred_at\":\"2026-11-22T10:00:00Z\",\"type\":\"auth.api_key_changed\","
					+ "\"subject\":\"mer_b\",\"actor\":\"usr_merchant_op\",\"outcome\":\"success\","
					+ "\"change\":\"merchant_suspended\",\"note\":\"Chargebacks above the limit\"}],\"has_more\":false}");
		}
		else {
			return false;
		}
		return true;
	}

	private void list(HttpExchange exchange, String key, String body) throws IOException {
		String[] parts = key.split(" ", 2)[1].split("/");
		// /v1/fraud/lists/{list}/entries[/{value}]
		String list = parts[4];
		if (!list.matches("bin|card_fingerprint|device|email_domain")) {
			problem(exchange, 404, "not_found");
			return;
		}
		Map<String, String> entries = this.lists.computeIfAbsent(list, l -> new ConcurrentHashMap<>());
		if (parts.length == 6 && key.startsWith("GET ")) {
			send(exchange, 200,
					"{\"object\":\"list\",\"data\":[" + String.join(",", entries.values()) + "],\"has_more\":false}");
			return;
		}
		String value = URLDecoder.decode(parts[6], StandardCharsets.UTF_8);
		if (key.startsWith("PUT ")) {
			if (list.equals("bin") && !value.matches("[0-9]{6,8}")) {
				invalid(exchange, "value", "'" + value + "' is not a valid bin");
				return;
			}
			String action = body.contains("\"allow\"") ? "allow" : "block";
			String reason = body.replaceAll(".*\"reason\":\"([^\"]*)\".*", "$1");
			String entry = "{\"list\":\"" + list + "\",\"value\":\"" + value + "\",\"action\":\"" + action
					+ "\",\"reason\":\"" + reason
					+ "\",\"created_by\":\"usr_otp_operator\",\"created\":\"2026-11-23T10:00:00Z\"}";
			entries.put(value, entry);
			send(exchange, 200, entry);
		}
		else if (!entries.containsKey(value)) {
			problem(exchange, 404, "not_found");
		}
		else if (key.startsWith("GET ")) {
			send(exchange, 200, entries.get(value));
		}
		else {
			entries.remove(value);
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		}
	}

	private void thresholds(HttpExchange exchange, String key, String body) throws IOException {
		String merchant = key.split("/")[4];
		if (key.startsWith("PUT ")) {
			int review = Integer.parseInt(body.replaceAll(".*\"review_at\":([0-9]+).*", "$1"));
			int decline = Integer.parseInt(body.replaceAll(".*\"decline_at\":([0-9]+).*", "$1"));
			this.thresholds.put(merchant, new int[] { review, decline });
		}
		int[] own = this.thresholds.get(merchant);
		int[] shown = (own != null) ? own : new int[] { 50, 80 };
		send(exchange, 200, "{\"merchant\":\"" + merchant + "\",\"review_at\":" + shown[0] + ",\"decline_at\":"
				+ shown[1] + ",\"is_default\":" + (own == null) + "}");
	}

	private void merchants(HttpExchange exchange, String query) throws IOException {
		// the raw query: a decoded "&" inside the text must not split it
		String text = "";
		for (String parameter : query.split("&")) {
			if (parameter.startsWith("query=")) {
				text = URLDecoder.decode(parameter.substring("query=".length()), StandardCharsets.UTF_8);
			}
		}
		boolean searching = query.contains("query=");
		List<String> rows = new ArrayList<>();
		for (String id : List.of("mer_b", "mer_a")) {
			String merchant = merchant(id);
			if (!searching || merchant.toLowerCase().contains(text.toLowerCase())) {
				rows.add(merchant);
			}
		}
		// one merchant a page after mer_b: the console pages with starting_after
		if (query.contains("starting_after=mer_b")) {
			rows.remove(merchant("mer_b"));
		}
		boolean more = !searching && !query.contains("starting_after=");
		send(exchange, 200, "{\"object\":\"list\",\"data\":[" + (more ? rows.get(0) : String.join(",", rows))
				+ "],\"has_more\":" + more + "}");
	}

	private String merchant(String id) {
		String name = id.equals("mer_a") ? "Shop A" : "Books B";
		String email = id.equals("mer_a") ? "shop-a@example.com" : "books@example.org";
		return "{\"id\":\"" + id + "\",\"object\":\"merchant\",\"name\":\"" + name + "\",\"email\":\"" + email
				+ "\",\"status\":\"" + this.merchantStatus.get(id) + "\",\"live_enabled\":false,\"created\":\"2026-11-0"
				+ (id.equals("mer_a") ? "1" : "2") + "T01:02:03Z\"}";
	}

	private static void invalid(HttpExchange exchange, String param, String detail) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		write(exchange, 400, "{\"type\":\"/errors/invalid_request\",\"title\":\"Invalid request\",\"status\":400,"
				+ "\"detail\":\"" + detail + "\",\"code\":\"invalid_request\",\"param\":\"" + param + "\"}");
	}

	private static void problem(HttpExchange exchange, int status, String code) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		write(exchange, status, "{\"type\":\"/errors/" + code + "\",\"title\":\"" + code + "\",\"status\":" + status
				+ ",\"detail\":\"The platform said " + code + ".\",\"code\":\"" + code + "\"}");
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		write(exchange, status, json);
	}

	private static void write(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
