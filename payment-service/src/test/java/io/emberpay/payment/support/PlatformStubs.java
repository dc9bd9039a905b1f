package io.emberpay.payment.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stand-ins for what payment-service talks to, as real HTTP on loopback, implementing the
 * contracts.md APIs: the two acquirers (with fault injection), fraud-service's scoring
 * and auth-service's internal merchant and step-up API. One server per test JVM.
 */
public final class PlatformStubs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static volatile PlatformStubs instance;

	private final HttpServer server;

	private final Map<String, Faults> faults = new ConcurrentHashMap<>();

	/** Authorizations by acquirer and idempotency key: the acquirer's own dedup. */
	private final Map<String, Authorization> byKey = new ConcurrentHashMap<>();

	private final Map<String, Authorization> byId = new ConcurrentHashMap<>();

	/**
	 * Every authorization ever created, per payment reference: more than one is a double
	 * charge.
	 */
	private final Map<String, List<Authorization>> byReference = new ConcurrentHashMap<>();

	private final Map<String, Long> refundsByKey = new ConcurrentHashMap<>();

	private final AtomicInteger authorizationCalls = new AtomicInteger();

	/** The shared secret the stub acquirers sign their webhooks with. */
	public static final String SIMULATOR_WEBHOOK_SECRET = "sim_whsec_test_secret";

	private final List<String> walletTokens = new CopyOnWriteArrayList<>();

	private final List<JsonNode> bankAccounts = new CopyOnWriteArrayList<>();

	/** The stub ledger's available funds by merchant and currency, and its holds. */
	private final Map<String, Long> available = new ConcurrentHashMap<>();

	private final Map<String, Long> payoutHolds = new ConcurrentHashMap<>();

	/** Payouts the acquirers took, by acquirer and key, and by payout reference. */
	private final Map<String, Payout> payoutsByKey = new ConcurrentHashMap<>();

	private final Map<String, Payout> payoutsById = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	/** The score requests fraud-service was sent, by payment id. */
	private final Map<String, JsonNode> scoreRequests = new ConcurrentHashMap<>();

	private volatile boolean authDown;

	private volatile boolean fraudDown;

	private volatile boolean fraudBusy;

	private PlatformStubs() {
		this.server = LoopbackServer.start(this::handle, 1000);
	}

	public static PlatformStubs get() {
		if (instance == null) {
			synchronized (PlatformStubs.class) {
				if (instance == null) {
					instance = new PlatformStubs();
				}
			}
		}
		return instance;
	}

	public String url() {
		return LoopbackServer.url(this.server);
	}

	public void faults(String psp, Faults faults) {
		this.faults.put(psp, faults);
	}

	public void clearFaults() {
		this.faults.clear();
		this.authDown = false;
		this.fraudDown = false;
		this.fraudBusy = false;
	}

	public void authDown(boolean down) {
		this.authDown = down;
	}

	public void fraudDown(boolean down) {
		this.fraudDown = down;
	}

	/** fraud-service at capacity: it answers 503 scoring_overloaded, as it does. */
	public void fraudBusy(boolean busy) {
		this.fraudBusy = busy;
	}

	public List<Authorization> authorizationsFor(String paymentId) {
		return List.copyOf(this.byReference.getOrDefault(paymentId, List.of()));
	}

	/** How many refunds the acquirers made under this refund id as key. */
	public long refundsFor(String refundId) {
		return this.refundsByKey.keySet().stream().filter(key -> key.endsWith("|" + refundId)).count();
	}

	/** The body of the score request fraud-service was sent for this payment, if any. */
	public JsonNode scoreRequestFor(String paymentId) {
		return this.scoreRequests.get(paymentId);
	}

	/** The wallet tokens the stub acquirers were sent, as sent. */
	public List<String> walletTokens() {
		return List.copyOf(this.walletTokens);
	}

	/** The bank accounts the stub acquirers were asked to debit, as sent. */
	public List<JsonNode> bankAccounts() {
		return List.copyOf(this.bankAccounts);
	}

	/**
	 * What the acquirer now says about a payment's authorization (a challenge passed, a
	 * debit settled or returned): answers the signed webhook body it would send.
	 */
	public String acquirerUpdate(String paymentId, String status, String declineCode, String returnCode) {
		Authorization authorization = authorizationsFor(paymentId).get(0);
		authorization.status().set(status);
		authorization.declineCodeNow().set(declineCode);
		authorization.returnCode().set(returnCode);
		Map<String, Object> event = new java.util.LinkedHashMap<>();
		event.put("id", "evt_" + java.util.UUID.randomUUID().toString().replace("-", ""));
		event.put("type", "authorization.updated");
		event.put("created", java.time.Instant.now().toString());
		event.put("livemode", false);
		event.put("data", Map.of("object", authorization.json()));
		return JSON.writeValueAsString(event);
	}

	/** {@code Simulator-Signature} of a body, as the simulator signs it. */
	public static String simulatorSignature(String body, String secret, long timestamp) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return "t=" + timestamp + ",v1="
					+ java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int authorizationCalls() {
		return this.authorizationCalls.get();
	}

	public long authorizationsCreated() {
		return this.byReference.values().stream().mapToLong(List::size).sum();
	}

	/**
	 * Makes {@code amount} available to the merchant's test balance in the stub ledger
	 * (the tests' merchant keys are test keys).
	 */
	public void fund(String merchant, String currency, long amount) {
		fund(merchant, currency, amount, false);
	}

	/** Like the ledger, the stub keeps a balance per merchant, currency and mode. */
	public void fund(String merchant, String currency, long amount, boolean livemode) {
		this.available.merge(balanceKey(merchant, currency, livemode), amount, Long::sum);
	}

	public long availableOf(String merchant, String currency) {
		return availableOf(merchant, currency, false);
	}

	public long availableOf(String merchant, String currency, boolean livemode) {
		return this.available.getOrDefault(balanceKey(merchant, currency, livemode), 0L);
	}

	private static String balanceKey(String merchant, String currency, boolean livemode) {
		return merchant + "|" + currency + (livemode ? "|live" : "|test");
	}

	/**
	 * How many payouts the acquirers made for this payout id (more than one pays twice).
	 */
	public long payoutsMadeFor(String payoutId) {
		return this.payoutsById.values().stream().filter(payout -> payout.reference().equals(payoutId)).count();
	}

	/** The acquirer decides the payout as its bank account number calls for. */
	public void settlePayout(String payoutId) {
		this.payoutsById.values()
			.stream()
			.filter(payout -> payout.reference().equals(payoutId))
			.forEach(Payout::decide);
	}

	/** The acquirer decides the payout now: paid, or failed with {@code failureCode}. */
	public void decidePayout(String payoutId, String status, String failureCode) {
		this.payoutsById.values()
			.stream()
			.filter(payout -> payout.reference().equals(payoutId))
			.forEach(payout -> payout.status().set(status + "|" + ((failureCode == null) ? "" : failureCode)));
	}

	private synchronized void payoutHold(HttpExchange exchange) throws IOException {
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		String payout = body.path("payout").asString();
		String key = balanceKey(body.path("merchant").asString(), body.path("currency").asString(),
				body.path("livemode").asBoolean(false));
		Long held = this.payoutHolds.get(payout);
		if (held != null) {
			send(exchange, 201, Map.of("payout", payout, "amount", held));
			return;
		}
		Long free = this.available.get(key);
		if (free == null) {
			send(exchange, 400, Map.of("code", "invalid_request", "param", "currency", "detail", "no balance"));
			return;
		}
		long wanted = body.hasNonNull("amount") ? body.get("amount").asLong() : free;
		if (wanted <= 0 || wanted > free || wanted < body.path("minimum_amount").asLong(0)) {
			send(exchange, 409, Map.of("code", "insufficient_available_balance", "param", "amount"));
			return;
		}
		this.available.put(key, free - wanted);
		this.payoutHolds.put(payout, wanted);
		send(exchange, 201, Map.of("payout", payout, "amount", wanted));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (path.startsWith("/internal/") && !carriesServiceToken(exchange, calledService(path))) {
				send(exchange, 401, Map.of("code", "unauthenticated"));
			}
			else if (path.startsWith("/internal/v1/merchants/")) {
				merchant(exchange, path.substring("/internal/v1/merchants/".length()));
			}
			else if (path.equals("/internal/v1/step_up/challenges")) {
				challenge(exchange);
			}
			else if (path.equals("/internal/v1/step_up/verify")) {
				verify(exchange);
			}
			else if (path.equals("/internal/v1/scores")) {
				score(exchange);
			}
			else if (path.equals("/internal/v1/payout_holds")) {
				payoutHold(exchange);
			}
			else if (path.startsWith("/psp-a/v1/") || path.startsWith("/psp-b/v1/")) {
				acquirer(exchange, path.substring(1, 6), path.substring(10));
			}
			else {
				send(exchange, 404, Map.of("code", "not_found"));
			}
		}
	}

	/**
	 * As the real services do (their signature check is the starter's, tested there):
	 * payment-service's service token for the called service, or a 401.
	 */
	/** The service this stub stands in for on {@code path}. */
	private static String calledService(String path) {
		if (path.equals("/internal/v1/scores")) {
			return "fraud-service";
		}
		return path.equals("/internal/v1/payout_holds") ? "ledger-service" : "auth-service";
	}

	private static boolean carriesServiceToken(HttpExchange exchange, String audience) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		String[] parts = authorization.substring(7).split("\\.");
		if (parts.length != 3) {
			return false;
		}
		JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
		return "service".equals(claims.path("typ").asString(""))
				&& "payment-service".equals(claims.path("sub").asString(""))
				&& claims.path("aud").toString().contains("\"" + audience + "\"");
	}

	private void merchant(HttpExchange exchange, String id) throws IOException {
		if (this.authDown) {
			send(exchange, 503, Map.of("code", "service_unavailable"));
		}
		else if (id.contains("unknown")) {
			send(exchange, 404, Map.of("code", "not_found"));
		}
		else {
			send(exchange, 200, Map.of("id", id, "name", "Stub shop", "email", "shop@example.com", "status",
					id.contains("suspended") ? "suspended" : "active", "live_enabled", id.contains("live")));
		}
	}

	private void challenge(HttpExchange exchange) throws IOException {
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		if (body.path("user").asString().contains("nomfa")) {
			send(exchange, 409, Map.of("code", "mfa_not_enrolled"));
			return;
		}
		send(exchange, 201, Map.of("challenge", "chl_stub", "method", "totp", "expires_at", "2030-01-01T00:00:00Z"));
	}

	private void verify(HttpExchange exchange) throws IOException {
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		send(exchange, 200, Map.of("verified", "123456".equals(body.path("code").asString())));
	}

	/** Declines amounts of 6666, reviews 7777, approves the rest. */
	private void score(HttpExchange exchange) throws IOException {
		if (this.fraudDown) {
			send(exchange, 500, Map.of("code", "internal_error"));
			return;
		}
		if (this.fraudBusy) {
			exchange.getResponseHeaders().add("Retry-After", "1");
			send(exchange, 503, Map.of("code", "scoring_overloaded"));
			return;
		}
		JsonNode request = JSON.readTree(exchange.getRequestBody());
		this.scoreRequests.put(request.path("payment").asString(), request);
		long amount = request.path("amount").asLong();
		String decision = (amount == 6666) ? "decline" : (amount == 7777) ? "review" : "approve";
		int score = (amount == 6666) ? 95 : (amount == 7777) ? 60 : 10;
		send(exchange, 200, Map.of("score", score, "decision", decision, "reasons",
				decision.equals("approve") ? List.of() : List.of("stub_rule: " + decision), "fallback", false));
	}

	private void acquirer(HttpExchange exchange, String psp, String path) throws IOException {
		Faults f = this.faults.getOrDefault(psp, Faults.NONE);
		if (f.down()) {
			send(exchange, 503, Map.of("code", "psp_down"));
			return;
		}
		if (path.startsWith("payouts")) {
			payout(exchange, psp, path);
			return;
		}
		if ("GET".equals(exchange.getRequestMethod()) && path.equals("authorizations")) {
			String key = URLDecoder.decode(
					exchange.getRequestURI().getRawQuery().substring("idempotency_key=".length()),
					StandardCharsets.UTF_8);
			Authorization found = this.byKey.get(psp + "|" + key);
			if (found == null) {
				send(exchange, 404, Map.of("code", "not_found"));
			}
			else {
				send(exchange, 200, found.json());
			}
			return;
		}
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		ThreadLocalRandom random = ThreadLocalRandom.current();
		double roll = random.nextDouble();
		if (roll < f.errorRate() / 2) {
			// half of the injected errors fail before the acquirer acted
			send(exchange, 500, Map.of("code", "internal_error"));
			return;
		}
		Object answer;
		if (path.equals("authorizations")) {
			this.authorizationCalls.incrementAndGet();
			answer = authorize(psp, key, body).json();
		}
		else if (path.endsWith("/capture")) {
			answer = update(psp, key, path, "captured", body.path("amount").asLong());
		}
		else if (path.endsWith("/void")) {
			answer = update(psp, key, path, "voided", 0);
		}
		else if (path.endsWith("/refunds")) {
			long amount = body.path("amount").asLong();
			this.refundsByKey.putIfAbsent(psp + "|" + key, amount);
			answer = Map.of("id", "pre_" + key, "status", "succeeded", "amount", amount);
		}
		else {
			send(exchange, 404, Map.of("code", "not_found"));
			return;
		}
		if (roll < f.errorRate()) {
			send(exchange, 500, Map.of("code", "internal_error"));
		}
		else if (roll < f.errorRate() + f.resetRate()) {
			// acted, then the connection dies before the answer
			exchange.getResponseHeaders().add("Content-Length", "1000");
			exchange.sendResponseHeaders(200, 1000);
			exchange.getResponseBody().write('{');
		}
		else if (roll < f.errorRate() + f.resetRate() + f.timeoutRate()) {
			sleep(f.timeoutMs());
			send(exchange, 200, answer);
		}
		else {
			send(exchange, 200, answer);
		}
	}

	/**
	 * Takes a payout in transit; a bank account ending in 1116 fails (no_account), as
	 * Stripe's test account 000111111116 does; the rest are paid once decided.
	 */
	private void payout(HttpExchange exchange, String psp, String path) throws IOException {
		if ("GET".equals(exchange.getRequestMethod())) {
			Payout found = this.payoutsById.get(path.substring("payouts/".length()));
			send(exchange, (found == null) ? 404 : 200, (found == null) ? Map.of("code", "not_found") : found.json());
			return;
		}
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		JsonNode body = JSON.readTree(exchange.getRequestBody());
		Payout payout = this.payoutsByKey.computeIfAbsent(psp + "|" + key, k -> {
			JsonNode to = body.path("destination");
			String number = to.hasNonNull("iban") ? to.get("iban").asString() : to.path("account_number").asString();
			String outcome = number.endsWith("1116") ? "failed|no_account" : "paid|";
			Payout made = new Payout("spo_" + this.ids.incrementAndGet(), body.path("reference").asString(),
					body.path("amount").asLong(), new AtomicReference<>("in_transit|"), outcome);
			this.payoutsById.put(made.id(), made);
			return made;
		});
		send(exchange, 200, payout.json());
	}

	private Authorization authorize(String psp, String key, JsonNode body) {
		return this.byKey.computeIfAbsent(psp + "|" + key, k -> {
			String number = body.path("card").path("number").asString("");
			String decline = switch (number) {
				case "4000000000000002" -> "card_declined";
				case "4000000000009995" -> "insufficient_funds";
				case "4000000000000069" -> "expired_card";
				case "4000000000000127" -> "incorrect_cvc";
				case "4000000000000119" -> "processing_error";
				default -> null;
			};
			// as the simulator: 3-D Secure test cards wait for their challenge, bank
			// debits are
			// processing until the bank settles them
			boolean challenged = number.equals("4000002760003184") || number.equals("4000000000003220");
			String status = (decline != null) ? "declined" : challenged ? "requires_action" : body.has("bank_account")
					? "processing" : body.path("capture").asBoolean(false) ? "captured" : "authorized";
			if (body.has("wallet")) {
				this.walletTokens.add(body.path("wallet").path("token").asString());
			}
			if (body.has("bank_account")) {
				this.bankAccounts.add(body.path("bank_account"));
			}
			Authorization authorization = new Authorization("auth_" + this.ids.incrementAndGet(), psp,
					body.path("reference").asString(), new AtomicReference<>(status), decline,
					body.path("amount").asLong(), body.path("currency").asString(),
					!body.path("card").path("cvc").isNull());
			this.byId.put(authorization.id(), authorization);
			this.byReference.computeIfAbsent(authorization.reference(), r -> new CopyOnWriteArrayList<>())
				.add(authorization);
			return authorization;
		});
	}

	private Object update(String psp, String key, String path, String status, long amount) {
		String id = path.substring("authorizations/".length(), path.lastIndexOf('/'));
		Authorization authorization = this.byId.get(id);
		if (authorization == null) {
			return Map.of("code", "not_found");
		}
		authorization.status().set(status);
		return authorization.json();
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** Injected faults of one acquirer, as rates in 0..1. */
	/**
	 * A stub payout: in transit until decided ({@code status} is "state|failure_code").
	 */
	public record Payout(String id, String reference, long amount, AtomicReference<String> status, String outcome) {

		Map<String, Object> json() {
			String[] parts = this.status.get().split("\\|", -1);
			Map<String, Object> json = new java.util.LinkedHashMap<>();
			json.put("id", this.id);
			json.put("status", parts[0]);
			json.put("amount", this.amount);
			json.put("reference", this.reference);
			json.put("failure_code", parts[1].isEmpty() ? null : parts[1]);
			return json;
		}

		/** The decision the bank account number called for. */
		public void decide() {
			this.status.set(this.outcome);
		}

	}

	public record Faults(double errorRate, double resetRate, double timeoutRate, long timeoutMs, boolean down) {

		static final Faults NONE = new Faults(0, 0, 0, 0, false);

		public static Faults unavailable() {
			return new Faults(0, 0, 0, 0, true);
		}

		public static Faults errors(double rate) {
			return new Faults(rate, 0, 0, 0, false);
		}

	}

	/** An authorization the stub acquirer holds. */
	public record Authorization(String id, String psp, String reference, AtomicReference<String> status,
			String declineCode, long amount, String currency, boolean hadCvc, AtomicReference<String> declineCodeNow,
			AtomicReference<String> returnCode) {

		Authorization(String id, String psp, String reference, AtomicReference<String> status, String declineCode,
				long amount, String currency, boolean hadCvc) {
			this(id, psp, reference, status, declineCode, amount, currency, hadCvc, new AtomicReference<>(declineCode),
					new AtomicReference<>());
		}

		Map<String, Object> json() {
			Map<String, Object> json = new java.util.LinkedHashMap<>();
			json.put("id", this.id);
			json.put("status", this.status.get());
			json.put("decline_code", this.declineCodeNow.get());
			if (this.returnCode.get() != null) {
				json.put("return_code", this.returnCode.get());
			}
			if ("requires_action".equals(this.status.get())) {
				json.put("next_action", Map.of("type", "redirect_to_url", "redirect_url",
						"http://acquirer.test/" + this.psp + "/v1/authorizations/" + this.id + "/challenge"));
			}
			json.put("amount", this.amount);
			json.put("currency", this.currency);
			return json;
		}

	}

}
