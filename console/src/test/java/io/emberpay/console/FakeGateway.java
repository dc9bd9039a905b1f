package io.emberpay.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the gateway in the console's MockMvc tests: two merchants (keys
 * {@code sk_test_a…} and {@code sk_test_b…}) that each see only their own payment, and an
 * operator account without TOTP. It answers like the real API: another merchant's object
 * is a 404 problem, a bad credential a 401 problem.
 */
final class FakeGateway {

	static final String KEY_A = "sk_test_aaaaaaaaaaaaaaaaaaaaaaaaaaaa";

	static final String KEY_B = "sk_test_bbbbbbbbbbbbbbbbbbbbbbbbbbbb";

	/** A merchant that has just signed up: no payments yet. */
	static final String KEY_NEW = "sk_test_cccccccccccccccccccccccccccc";

	static final String PAYMENT_A = "pay_of_merchant_a";

	static final String PAYMENT_B = "pay_of_merchant_b";

	/** Merchant A's authorized payment, waiting to be captured or canceled. */
	static final String PAYMENT_A_UNCAPTURED = "pay_uncaptured_of_merchant_a";

	/**
	 * The version the merchants were pinned to at sign-up: a call naming no version gets
	 * a payment's risk as {@code fraud}, as the real gateway answers them.
	 */
	static final String PINNED_VERSION = "2026-12-01";

	/** A merchant that operators can find and suspend. */
	static final String MERCHANT_TO_SUSPEND = "mer_to_suspend";

	/** Whether an operator suspended {@link #MERCHANT_TO_SUSPEND}. */
	volatile boolean merchantSuspended;

	/** The {@code Emberpay-Version} of every request, {@code -} when it named none. */
	final List<String> versions = new CopyOnWriteArrayList<>();

	private static final String OPERATOR_TOKEN = "operator-token-without-otp";

	/** Signs in with a password, then the TOTP code {@link #TOTP_CODE}. */
	static final String OTP_OPERATOR = "otp-operator@example.org";

	static final String TOTP_CODE = "123456";

	private static final String OTP_OPERATOR_TOKEN = "operator-token-with-otp";

	/** The one payment in the fraud review queue. */
	static final String PAYMENT_IN_REVIEW = "pay_in_review";

	/**
	 * Each acquirer's routing state, as the operator endpoints of payment-service keep
	 * it.
	 */
	final Map<String, String> routing = new ConcurrentHashMap<>(Map.of("psp-a", "active", "psp-b", "active"));

	/** The one account operators can find, by {@link #USER_EMAIL}. */
	static final String USER = "usr_ada";

	static final String USER_EMAIL = "ada@example.com";

	/** Whether an operator locked {@link #USER}. */
	volatile boolean userLocked;

	/** Whether an operator resolved the reconciliation exception {@code rex_1}. */
	volatile boolean exceptionResolved;

	/** Keys the API no longer accepts: a session signed in with one has expired. */
	final Set<String> revoked = ConcurrentHashMap.newKeySet();

	final List<String> bodies = new CopyOnWriteArrayList<>();

	/** Whether payment-service reports routing states (it does once it can drain). */
	volatile boolean routingReported = true;

	/** Fraud lists and thresholds, merchants list, audit sources, ledger integrity. */
	final OperatorPagesFake operatorPages = new OperatorPagesFake();

	private final HttpServer server;

	final List<String> requests = new CopyOnWriteArrayList<>();

	/** Merchant A's one webhook endpoint, with a failed attempt and replays. */
	static final String WEBHOOK_A = "we_of_merchant_a";

	/** The bodies and Idempotency-Keys of the replays merchant A asked for. */
	final List<String> replays = new CopyOnWriteArrayList<>();

	private FakeGateway(HttpServer server) {
		this.server = server;
	}

	static FakeGateway start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			FakeGateway gateway = new FakeGateway(server);
			server.createContext("/", gateway::answer);
			server.start();
			return gateway;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void answer(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		String auth = exchange.getRequestHeaders().getFirst("Authorization");
		String bearer = (auth == null) ? "" : auth.substring("Bearer ".length());
		this.requests.add(method + " " + path + " " + bearer);
		String version = exchange.getRequestHeaders().getFirst("Emberpay-Version");
		this.versions.add((version == null) ? "-" : version);
		boolean current = "2026-12-07".equals(version);
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.bodies.add(method + " " + path + " " + body);
		String merchant = this.revoked.contains(bearer) ? null
				: bearer.equals(KEY_A) ? "a" : bearer.equals(KEY_B) ? "b" : bearer.equals(KEY_NEW) ? "c" : null;
		String key = method + " " + path;
		if (key.equals("POST /v1/merchants")) {
			signUp(exchange, body);
			return;
		}
		if (key.equals("POST /v1/auth/mfa/verify")) {
			if (body.contains("\"mfa-token\"") && body.contains("\"" + TOTP_CODE + "\"")) {
				send(exchange, 200, "{\"access_token\":\"" + OTP_OPERATOR_TOKEN
						+ "\",\"refresh_token\":\"r2\",\"token_type\":\"Bearer\",\"expires_in\":600}");
			}
			else {
				problem(exchange, 401, "mfa_verification_failed");
			}
			return;
		}
		if (bearer.equals(OTP_OPERATOR_TOKEN)) {
			operator(exchange, key, body);
			return;
		}
		if (key.equals("POST /v1/auth/login")) {
			if (body.contains(OTP_OPERATOR)) {
				send(exchange, 200, "{\"mfa_required\":true,\"mfa_token\":\"mfa-token\"}");
			}
			else if (body.contains("operator@example.com")) {
				send(exchange, 200, "{\"access_token\":\"" + OPERATOR_TOKEN
						+ "\",\"refresh_token\":\"r\",\"token_type\":\"Bearer\",\"expires_in\":600}");
			}
			else {
				problem(exchange, 401, "invalid_credentials");
			}
			return;
		}
		if (bearer.equals(OPERATOR_TOKEN)) {
			switch (key) {
				case "GET /v1/users/me" ->
					send(exchange, 200, "{\"id\":\"usr_operator\",\"email\":\"operator@example.com\","
							+ "\"roles\":[\"user\",\"admin\"],\"mfa_enabled\":false}");
				case "POST /v1/auth/mfa/totp" -> send(exchange, 201,
						"{\"secret\":\"JBSWY3DPEHPK3PXP\",\"otpauth_uri\":\"otpauth://totp/Emberpay:operator?secret=JBSWY3DPEHPK3PXP\"}");
				// the platform's own rule: an operator login without a second factor acts
				// as nobody
				default -> problem(exchange, 403, "mfa_required");
			}
			return;
		}
		if (merchant == null) {
			problem(exchange, 401, "unauthenticated");
			return;
		}
		String own = merchant.equals("a") ? PAYMENT_A : PAYMENT_B;
		String endpointA = "/v1/webhook_endpoints/" + WEBHOOK_A;
		if (merchant.equals("a") && (key.equals("GET " + endpointA) || key.equals("GET " + endpointA + "/attempts")
				|| key.equals("POST " + endpointA + "/replays"))) {
			webhookEndpoint(exchange, key, body);
			return;
		}
		if (key.equals("GET /v1/merchants/me")) {
			send(exchange, 200, "{\"id\":\"mer_" + merchant + "\",\"name\":\"Shop " + merchant.toUpperCase() + "\"}");
		}
		else if (key.equals("GET /v1/payments") && merchant.equals("c")) {
			send(exchange, 200, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");
		}
		else if (key.equals("GET /v1/payments")) {
			send(exchange, 200,
					"{\"object\":\"list\",\"data\":[" + payment(own, merchant, current) + "],\"has_more\":false}");
		}
		else if (key.equals("GET /v1/payments/" + own)) {
			send(exchange, 200, payment(own, merchant, current));
		}
		else if (key.equals("GET /v1/balance_transactions") || key.equals("GET /v1/events")
				|| key.equals("GET /v1/webhook_endpoints")
				|| key.equals("GET /v1/merchants/mer_" + merchant + "/api_keys")) {
			send(exchange, 200, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");
		}
		else if (key.equals("GET /v1/balance")) {
			send(exchange, 200, "{\"object\":\"balance\",\"available\":[{\"amount\":150000,\"currency\":\"JPY\"}],"
					+ "\"pending\":[{\"amount\":1999,\"currency\":\"USD\"}],\"authorized\":[]}");
		}
		else if (key.equals("POST /v1/refunds")) {
			if (body.contains("\"" + own + "\"")) {
				send(exchange, 201, "{\"id\":\"re_1\",\"object\":\"refund\",\"payment\":\"" + own + "\"}");
			}
			else {
				problem(exchange, 404, "not_found");
			}
		}
		else if (!ownObject(exchange, key, merchant, current)) {
			problem(exchange, 404, "not_found");
		}
	}

	/**
	 * A merchant's own webhook endpoint, API key, event and authorized payment (ids
	 * ending in {@code _of_merchant_<a|b>}): answered, so a test of another merchant's
	 * object being a 404 can tell the console's ownership from a route the fake does not
	 * know.
	 */
	private boolean ownObject(HttpExchange exchange, String key, String merchant, boolean current) throws IOException {
		String endpoint = "we_of_merchant_" + merchant;
		String apiKey = "key_of_merchant_" + merchant;
		String keys = "/v1/merchants/mer_" + merchant + "/api_keys";
		String uncaptured = merchant.equals("a") ? PAYMENT_A_UNCAPTURED : "-";
		if (key.equals("GET /v1/webhook_endpoints/" + endpoint)
				|| key.equals("POST /v1/webhook_endpoints/" + endpoint)) {
			send(exchange, 200, endpoint(endpoint));
		}
		else if (key.equals("GET /v1/webhook_endpoints/" + endpoint + "/attempts")) {
			send(exchange, 200, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");
		}
		else if (key.equals("POST /v1/webhook_endpoints/" + endpoint + "/rotate_secret")) {
			send(exchange, 200, "{\"id\":\"" + endpoint + "\",\"secret\":\"whsec_rotated_" + merchant + "\"}");
		}
		else if (key.equals("POST /v1/webhook_endpoints/" + endpoint + "/test_event")) {
			send(exchange, 201, "{\"id\":\"evt_test_" + merchant + "\",\"object\":\"event\"}");
		}
		else if (key.equals("DELETE /v1/webhook_endpoints/" + endpoint)) {
			send(exchange, 200, "{\"id\":\"" + endpoint + "\",\"deleted\":true}");
		}
		else if (key.equals("POST " + keys)) {
			send(exchange, 201, "{\"id\":\"key_new_" + merchant + "\",\"object\":\"api_key\","
					+ "\"secret\":\"sk_test_created_" + merchant + "_secret\"}");
		}
		else if (key.equals("POST " + keys + "/" + apiKey + "/roll")) {
			send(exchange, 201, "{\"id\":\"key_rolled_" + merchant + "\",\"object\":\"api_key\","
					+ "\"secret\":\"sk_test_rolled_" + merchant + "_secret\"}");
		}
		else if (key.equals("POST " + keys + "/" + apiKey + "/revoke")) {
			send(exchange, 200, "{\"id\":\"" + apiKey + "\",\"object\":\"api_key\",\"status\":\"revoked\"}");
		}
		else if (key.equals("POST /v1/events/evt_of_merchant_" + merchant + "/redeliver")) {
			send(exchange, 202, "{\"id\":\"evt_of_merchant_" + merchant + "\",\"object\":\"event\"}");
		}
		else if (key.equals("GET /v1/payments/" + uncaptured)) {
			send(exchange, 200, uncaptured(current, "requires_capture"));
		}
		else if (key.equals("POST /v1/payments/" + uncaptured + "/capture")) {
			send(exchange, 200, uncaptured(current, "succeeded"));
		}
		else if (key.equals("POST /v1/payments/" + uncaptured + "/cancel")) {
			send(exchange, 200, uncaptured(current, "canceled"));
		}
		else {
			return false;
		}
		return true;
	}

	private static String endpoint(String id) {
		return "{\"id\":\"" + id + "\",\"object\":\"webhook_endpoint\",\"url\":\"https://shop.example/hooks\","
				+ "\"events\":[\"*\"],\"status\":\"enabled\",\"livemode\":false}";
	}

	private static String uncaptured(boolean current, String status) {
		return payment(PAYMENT_A_UNCAPTURED, "a", current)
			.replace("\"status\":\"succeeded\"", "\"status\":\"" + status + "\"")
			.replace("\"capture_method\":\"automatic\"", "\"capture_method\":\"manual\"");
	}

	private void signUp(HttpExchange exchange, String body) throws IOException {
		if (body.contains("\"email\":\"taken@example.com\"")) {
			problem(exchange, 409, "email_taken");
		}
		else if (!body.matches(".*\"email\":\"[^\"@]+@[^\"@]+\".*") || body.contains("\"name\":\"\"")) {
			exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
			write(exchange, 400, "{\"type\":\"/errors/invalid_request\",\"title\":\"Invalid request\",\"status\":400,"
					+ "\"detail\":\"email must be an e-mail address\",\"code\":\"invalid_request\",\"param\":\"email\"}");
		}
		else {
			send(exchange, 201, "{\"id\":\"mer_a\",\"object\":\"merchant\",\"name\":\"Shop A\",\"live_enabled\":false,"
					+ "\"api_key_id\":\"key_a\",\"api_key\":\"" + KEY_A + "\"}");
		}
	}

	/**
	 * An operator whose login used TOTP: acquirers' routing and the fraud review queue.
	 */
	private void operator(HttpExchange exchange, String key, String body) throws IOException {
		if (key.equals("GET /v1/users/me")) {
			send(exchange, 200, "{\"id\":\"usr_otp_operator\",\"email\":\"" + OTP_OPERATOR
					+ "\",\"roles\":[\"user\",\"admin\"],\"mfa_enabled\":true}");
		}
		else if (key.equals("GET /v1/merchants/" + MERCHANT_TO_SUSPEND)) {
			send(exchange, 200,
					"{\"id\":\"" + MERCHANT_TO_SUSPEND
							+ "\",\"object\":\"merchant\",\"name\":\"Shop S\",\"email\":\"owner@shop-s.example\","
							+ "\"live_enabled\":true,\"created\":\"2026-11-20T01:02:03Z\",\"status\":\""
							+ (this.merchantSuspended ? "suspended" : "active") + "\"}");
		}
		else if (key.equals("POST /v1/merchants/" + MERCHANT_TO_SUSPEND + "/suspend")) {
			this.merchantSuspended = true;
			send(exchange, 200,
					"{\"id\":\"" + MERCHANT_TO_SUSPEND + "\",\"object\":\"merchant\",\"status\":\"suspended\"}");
		}
		else if (key.equals("GET /v1/acquirers")) {
			StringBuilder data = new StringBuilder();
			for (String psp : List.of("psp-a", "psp-b")) {
				String routingState = this.routing.get(psp);
				data.append(data.isEmpty() ? "" : ",")
					.append("{\"psp\":\"")
					.append(psp)
					.append("\",\"state\":\"")
					.append(routingState.equals("forced_open") ? "forced_open" : "closed")
					.append(this.routingReported ? "\",\"routing_state\":\"" + routingState : "")
					.append("\",\"failure_rate_percent\":-1.0,\"buffered_calls\":3,\"failed_calls\":0,"
							+ "\"not_permitted_calls\":0}");
			}
			send(exchange, 200, "{\"data\":[" + data + "]}");
		}
		else if (key.matches("POST /v1/acquirers/psp-[ab]/(drain|force_open|resume)")) {
			String psp = key.split("/")[3];
			String action = key.substring(key.lastIndexOf('/') + 1);
			this.routing.put(psp, switch (action) {
				case "drain" -> "draining";
				case "force_open" -> "forced_open";
				default -> "active";
			});
			send(exchange, 200, "{\"psp\":\"" + psp + "\",\"routing_state\":\"" + this.routing.get(psp) + "\"}");
		}
		else if (key.equals("GET /v1/fraud/reviews")) {
			send(exchange, 200,
					"{\"object\":\"list\",\"data\":[{\"object\":\"fraud_review\",\"payment\":\"" + PAYMENT_IN_REVIEW
							+ "\",\"merchant\":\"mer_a\",\"amount\":500000,\"currency\":\"JPY\","
							+ "\"score\":55,\"reasons\":[\"velocity_count\"],\"outcome\":\"pending\","
							+ "\"occurred_at\":\"2026-11-22T01:02:03Z\",\"status\":\"pending\"}],\"has_more\":false}");
		}
		else if (key.matches("POST /v1/fraud/reviews/" + PAYMENT_IN_REVIEW + "/(approve|decline)")) {
			send(exchange, 200,
					"{\"object\":\"fraud_review\",\"payment\":\"" + PAYMENT_IN_REVIEW + "\",\"status\":\"approved\"}");
		}
		else if (key.startsWith("GET /v1/ledger/reconciliation_exceptions")
				|| key.startsWith("POST /v1/ledger/reconciliation_exceptions/")) {
			reconciliation(exchange, key);
		}
		else if (key.equals("GET /v1/users")) {
			String query = exchange.getRequestURI().getQuery();
			boolean found = query != null && query.equals("email=" + USER_EMAIL);
			send(exchange, 200, "{\"object\":\"list\",\"data\":[" + (found ? user() : "") + "],\"has_more\":false}");
		}
		else if (key.equals("GET /v1/users/" + USER)) {
			send(exchange, 200, user());
		}
		else if (key.matches("POST /v1/users/" + USER + "/(lock|unlock|revoke_sessions)")) {
			String action = key.substring(key.lastIndexOf('/') + 1);
			if ((action.equals("lock") && this.userLocked) || (action.equals("unlock") && !this.userLocked)) {
				problem(exchange, 409, "state_conflict");
				return;
			}
			if (!action.equals("revoke_sessions")) {
				this.userLocked = action.equals("lock");
			}
			send(exchange, 200, user());
		}
		else if (!this.operatorPages.answer(exchange, key, body)) {
			problem(exchange, 404, "not_found");
		}
	}

	/**
	 * ledger-service's reconciliation exceptions: {@code rex_1} open until resolved
	 * (once, then {@code 409}), {@code rex_2} resolved; the list filters by
	 * {@code status}.
	 */
	private void reconciliation(HttpExchange exchange, String key) throws IOException {
		String query = exchange.getRequestURI().getQuery();
		String status = (query == null || !query.contains("status=")) ? "all"
				: query.replaceAll(".*status=([a-z]+).*", "$1");
		String open = exceptionOne();
		String resolved = "{\"id\":\"rex_2\",\"object\":\"reconciliation_exception\",\"psp\":\"psp-b\","
				+ "\"settlement_date\":\"2026-11-20\",\"psp_reference\":\"ps_u2\",\"type\":\"refund\","
				+ "\"reference\":\"re_late\",\"problem\":\"unmatched\",\"reported_amount\":700,\"currency\":\"USD\","
				+ "\"status\":\"resolved\",\"resolution\":{\"resolution\":\"timing\",\"note\":\"Refund event came a day late\","
				+ "\"resolved_by\":\"usr_finance\",\"resolved_at\":\"2026-11-23T09:10:11Z\"}}";
		if (key.equals("GET /v1/ledger/reconciliation_exceptions")) {
			List<String> rows = new java.util.ArrayList<>();
			if (!status.equals("resolved") && !this.exceptionResolved) {
				rows.add(open);
			}
			if (!status.equals("open")) {
				rows.add(resolved);
				if (this.exceptionResolved) {
					rows.add(open);
				}
			}
			send(exchange, 200, "{\"object\":\"list\",\"data\":[" + String.join(",", rows) + "],\"has_more\":false}");
		}
		else if (key.equals("GET /v1/ledger/reconciliation_exceptions/rex_1")) {
			send(exchange, 200, open);
		}
		else if (key.equals("POST /v1/ledger/reconciliation_exceptions/rex_1/resolve")) {
			if (this.exceptionResolved) {
				problem(exchange, 409, "state_conflict");
				return;
			}
			this.exceptionResolved = true;
			send(exchange, 200, exceptionOne());
		}
		else {
			problem(exchange, 404, "not_found");
		}
	}

	private String exceptionOne() {
		return "{\"id\":\"rex_1\",\"object\":\"reconciliation_exception\","
				+ "\"psp\":\"psp-a\",\"settlement_date\":\"2026-11-21\",\"psp_reference\":\"ps_u1\","
				+ "\"type\":\"capture\",\"reference\":\"pay_neverseen\",\"problem\":\"amount_mismatch\","
				+ "\"expected_amount\":4200,\"reported_amount\":4100,\"currency\":\"EUR\""
				+ (this.exceptionResolved
						? ",\"status\":\"resolved\",\"resolution\":{\"resolution\":\"acquirer_error\","
								+ "\"note\":\"confirmed\",\"resolved_by\":\"usr_otp_operator\",\"resolved_at\":\"2026-11-24T01:02:03Z\"}"
						: ",\"status\":\"open\"")
				+ "}";
	}

	private String user() {
		return "{\"id\":\"" + USER + "\",\"object\":\"user\",\"email\":\"" + USER_EMAIL + "\",\"roles\":[\"user\"],"
				+ "\"created_at\":\"2026-11-22T01:02:03Z\",\"mfa_enabled\":false,\"locked\":" + this.userLocked
				+ (this.userLocked ? ",\"locked_at\":\"2026-11-23T01:02:03Z\",\"locked_by\":\"usr_otp_operator\","
						+ "\"lock_reason\":\"card testing\"" : "")
				+ ",\"open_sessions\":" + (this.userLocked ? 0 : 2) + "}";
	}

	/**
	 * A payment in the current API version ({@code risk}), or, for a call that names no
	 * version, in the merchant's pinned one, where the assessment is {@code fraud}.
	 */
	private static String payment(String id, String merchant, boolean current) {
		return "{\"id\":\"" + id
				+ "\",\"object\":\"payment\",\"amount\":1999,\"currency\":\"USD\",\"status\":\"succeeded\","
				+ "\"capture_method\":\"automatic\",\"amount_capturable\":0,\"amount_received\":1999,\"amount_refunded\":0,"
				+ "\"merchant\":\"mer_" + merchant
				+ "\",\"user\":\"usr_shopper\",\"card\":{\"brand\":\"visa\",\"last4\":\"4242\","
				+ "\"exp_month\":12,\"exp_year\":2030},\"" + (current ? "risk" : "fraud")
				+ "\":{\"score\":37,\"decision\":\"approve\",\"reasons\":[\"velocity_count\",\"new_device\"]},"
				+ "\"livemode\":false,\"created\":\"2026-11-22T01:02:03Z\",\"acquirer\":\"psp-b\","
				+ "\"routing_reason\":\"failover\"}";
	}

	/**
	 * notification-service's endpoint {@link #WEBHOOK_A}: the endpoint, one failed
	 * attempt with its request and response, and replays of its failed events
	 * ({@code 400} for a backwards range, as the API answers).
	 */
	private void webhookEndpoint(HttpExchange exchange, String key, String body) throws IOException {
		String base = "/v1/webhook_endpoints/" + WEBHOOK_A;
		if (key.equals("GET " + base)) {
			send(exchange, 200,
					"{\"id\":\"" + WEBHOOK_A + "\",\"object\":\"webhook_endpoint\","
							+ "\"url\":\"https://shop-a.example/hooks\",\"events\":[\"*\"],\"status\":\"enabled\","
							+ "\"livemode\":false,\"created\":\"2026-11-22T01:02:03Z\"}");
		}
		else if (key.equals("GET " + base + "/attempts")) {
			send(exchange, 200, "{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\"wha_1\","
					+ "\"object\":\"webhook_attempt\",\"event\":\"evt_failed_1\",\"attempted_at\":\"2026-11-22T01:02:03Z\","
					+ "\"status_code\":500,\"latency_ms\":12,\"error\":\"HTTP 500\",\"succeeded\":false,"
					+ "\"request\":{\"headers\":{\"webhook-id\":\"evt_failed_1\",\"webhook-signature\":\"v1,c2lnbmF0dXJl\"},"
					+ "\"body\":\"{\\\"id\\\":\\\"evt_failed_1\\\"}\",\"body_truncated\":false},"
					+ "\"response\":{\"status_code\":500,\"body\":\"receiver exploded\"}}]}");
		}
		else if (key.equals("POST " + base + "/replays")) {
			this.replays.add(body + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
			if (body.matches(".*\"created_gte\":\"([^\"]+)\".*")
					&& body.replaceAll(".*\"created_gte\":\"([^\"]+)\".*", "$1")
						.compareTo(body.replaceAll(".*\"created_lt\":\"([^\"]+)\".*", "$1")) >= 0) {
				exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
				write(exchange, 400,
						"{\"type\":\"/errors/invalid_request\",\"title\":\"Invalid request\","
								+ "\"status\":400,\"detail\":\"created_lt must be after created_gte\","
								+ "\"code\":\"invalid_request\",\"param\":\"created_lt\"}");
				return;
			}
			send(exchange, 202, "{\"id\":\"whr_1\",\"object\":\"webhook_replay\",\"endpoint\":\"" + WEBHOOK_A
					+ "\",\"events_queued\":3,\"has_more\":false}");
		}
		else {
			problem(exchange, 404, "not_found");
		}
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
