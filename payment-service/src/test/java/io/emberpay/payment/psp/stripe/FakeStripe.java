package io.emberpay.payment.psp.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.emberpay.payment.psp.AcquirerFault;
import io.emberpay.payment.psp.FakeAcquirer;
import io.emberpay.payment.support.LoopbackServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Stripe API on loopback for the tests, speaking Stripe's wire format: form-encoded
 * bodies with bracketed nested keys, {@code Authorization: Bearer sk_test_...},
 * {@code Idempotency-Key} replay (same key and body: the first answer again; another
 * body: 400 {@code idempotency_error}; while the first is running: 409), and objects
 * built from Stripe's published fixtures ({@code src/test/resources/stripe}). Cards
 * decline as Stripe's test cards do. Faults (delays, 500s) can be injected, and every
 * charge is counted, so a double charge shows. One server per test JVM.
 */
public final class FakeStripe implements FakeAcquirer {

	public static final String SECRET_KEY = "sk_test_emberpayFakeStripe0001";

	public static final String OTHER_MERCHANT_KEY = "sk_test_emberpayFakeStripe0002";

	public static final String WEBHOOK_SECRET = "whsec_emberpayFakeStripeWebhookSecret";

	public static final String OTHER_MERCHANT_WEBHOOK_SECRET = "whsec_emberpayOtherMerchantWebhookSecret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final java.util.regex.Pattern SEARCH = java.util.regex.Pattern
		.compile("metadata\\['([^']+)'\\]:'((?:[^'\\\\]|\\\\.)*)'");

	/** Stripe's test cards that decline: number to {code, decline_code}. */
	private static final Map<String, String[]> DECLINING_CARDS = Map.ofEntries(
			Map.entry("4000000000000002", new String[] { "card_declined", "generic_decline" }),
			Map.entry("4000000000009995", new String[] { "card_declined", "insufficient_funds" }),
			Map.entry("4000000000009987", new String[] { "card_declined", "lost_card" }),
			Map.entry("4000000000009979", new String[] { "card_declined", "stolen_card" }),
			Map.entry("4000000000006975", new String[] { "card_declined", "card_velocity_exceeded" }),
			Map.entry("4100000000000019", new String[] { "card_declined", "fraudulent" }),
			Map.entry("4000000000000069", new String[] { "expired_card", "expired_card" }),
			Map.entry("4000000000000127", new String[] { "incorrect_cvc", "incorrect_cvc" }),
			Map.entry("4000000000000119", new String[] { "processing_error", "processing_error" }));

	/**
	 * Stripe's 3-D Secure test cards: always challenged; {@code 4000000000003220}'s
	 * challenge always fails. Without a {@code return_url}
	 * ({@code error_on_requires_action}) the challenge declines as
	 * {@code authentication_required}, as at Stripe.
	 */
	private static final Set<String> CHALLENGED_CARDS = Set.of("4000002760003184", "4000000000003220");

	/** Stripe's Google Pay test token, as a wallet tokenized for Stripe carries it. */
	public static final String GOOGLE_PAY_TOKEN = "tok_visa";

	private static volatile FakeStripe instance;

	private final HttpServer server;

	private final ObjectNode paymentIntentFixture = fixture("payment_intent");

	private final ObjectNode refundFixture = fixture("refund");

	private final ObjectNode eventFixture = fixture("event");

	private final Set<String> keys = ConcurrentHashMap.newKeySet();

	private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();

	private final Map<String, ObjectNode> refundObjects = new ConcurrentHashMap<>();

	/** Which secret key (Stripe account) each PaymentIntent belongs to. */
	private final Map<String, String> accountOf = new ConcurrentHashMap<>();

	private final Map<String, Answer> answersByKey = new ConcurrentHashMap<>();

	private final List<Served> served = new CopyOnWriteArrayList<>();

	private final AtomicInteger charges = new AtomicInteger();

	private final AtomicInteger refunds = new AtomicInteger();

	private final AtomicInteger replays = new AtomicInteger();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicReference<AcquirerFault> fault = new AtomicReference<>();

	private FakeStripe() {
		this.server = LoopbackServer.start(this::handle, 200);
		this.keys.add(SECRET_KEY);
		this.keys.add(OTHER_MERCHANT_KEY);
	}

	public static FakeStripe get() {
		if (instance == null) {
			synchronized (FakeStripe.class) {
				if (instance == null) {
					instance = new FakeStripe();
				}
			}
		}
		return instance;
	}

	public String url() {
		return LoopbackServer.url(this.server);
	}

	/**
	 * Charges made: PaymentIntents Stripe confirmed successfully, replays not counted.
	 */
	@Override
	public int charges() {
		return this.charges.get();
	}

	public int refunds() {
		return this.refunds.get();
	}

	/** Requests answered from an idempotency key's stored first answer. */
	@Override
	public int replays() {
		return this.replays.get();
	}

	/** Every body served so far, with the SDK class it must parse into. */
	public List<Served> served() {
		return List.copyOf(this.served);
	}

	/** The secret key, so the Stripe account, a PaymentIntent was created with. */
	public String accountOf(String intentId) {
		return this.accountOf.get(intentId);
	}

	public JsonNode paymentIntent(String id) {
		return this.intents.get(id);
	}

	public JsonNode paymentIntentOf(String paymentId) {
		return this.intents.values()
			.stream()
			.filter(pi -> paymentId.equals(pi.path("metadata").path(StripeConnector.PAYMENT_METADATA).asString(null)))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Fails a refund after the fact, as Stripe does when the card can no longer take it:
	 * the amount is refundable again and the refund, returned for its event, is
	 * {@code failed}.
	 */
	public ObjectNode failRefundOf(String ourRefundId) {
		ObjectNode refund = this.refundObjects.values()
			.stream()
			.filter(r -> ourRefundId.equals(r.path("metadata").path(StripeConnector.REFUND_METADATA).asString(null)))
			.findFirst()
			.orElseThrow();
		ObjectNode intent = this.intents.get(refund.path("payment_intent").asString());
		synchronized (intent) {
			intent.put("amount_refunded_fake",
					intent.path("amount_refunded_fake").asLong() - refund.path("amount").asLong());
			refund.put("status", "failed");
			refund.put("failure_reason", "expired_or_canceled_card");
		}
		return servable(refund);
	}

	@Override
	public void fault(AcquirerFault fault) {
		this.fault.set(fault);
	}

	@Override
	public void clearFault() {
		this.fault.set(null);
	}

	/**
	 * A Stripe event about an object, shaped like the published event fixture, as Stripe
	 * would POST it to a webhook endpoint.
	 */
	public String event(String eventId, String type, JsonNode object) {
		ObjectNode event = this.eventFixture.deepCopy();
		event.put("id", eventId);
		event.put("type", type);
		event.put("created", Instant.now().getEpochSecond());
		event.put("api_version", "2025-09-30.clover");
		event.set("data", JSON.createObjectNode().set("object", object));
		return JSON.writeValueAsString(event);
	}

	/**
	 * The {@code Stripe-Signature} header Stripe sends with a webhook, computed here as
	 * Stripe documents it (HMAC-SHA256 keyed with the endpoint secret over
	 * {@code "<t>.<payload>"}, lower-case hex), independently of the code under test.
	 */
	public static String signatureHeader(String payload, String secret, long timestamp) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
			return "t=" + timestamp + ",v1=" + java.util.HexFormat.of().formatHex(digest);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String auth = exchange.getRequestHeaders().getFirst("Authorization");
			String apiKey = (auth != null && auth.startsWith("Bearer ")) ? auth.substring(7) : null;
			if (apiKey == null || !this.keys.contains(apiKey)) {
				respond(exchange, 401, error("invalid_request_error", null, null, "Invalid API Key provided: "
						+ ((apiKey == null) ? "none" : apiKey.substring(0, Math.min(8, apiKey.length())) + "****"),
						null, null), null);
				return;
			}
			AcquirerFault current = this.fault.get();
			if (current != null && !current.take()) {
				current = null;
			}
			if (current != null && current.refuseWith() > 0) {
				respond(exchange, current.refuseWith(),
						error("api_error", null, null, "An unknown error occurred", null, null), null);
				return;
			}
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			Answer answer;
			if ("POST".equals(method) && idempotencyKey != null) {
				answer = idempotent(apiKey + " " + idempotencyKey, method + " " + path + " " + body,
						() -> route(method, exchange, path, body, apiKey));
			}
			else {
				answer = route(method, exchange, path, body, apiKey);
			}
			if (current != null) {
				current.holdAnswer();
			}
			respond(exchange, answer.status(), answer.body(), answer.replayed() ? idempotencyKey : null);
		}
	}

	/**
	 * Stripe's idempotency: the first answer is kept with the request it answered; a
	 * request that failed validation is not kept (Stripe saves results only once an
	 * endpoint started executing).
	 */
	private Answer idempotent(String scopedKey, String request, java.util.function.Supplier<Answer> execute) {
		Answer placeholder = new Answer(409, null, request, false);
		Answer previous = this.answersByKey.putIfAbsent(scopedKey, placeholder);
		if (previous != null) {
			if (!previous.request().equals(request)) {
				return new Answer(400, error("idempotency_error", null, null,
						"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '"
								+ scopedKey.substring(scopedKey.indexOf(' ') + 1)
								+ "' if you meant to execute a different request.",
						null, null), request, false);
			}
			if (previous.body() == null) {
				return new Answer(409, error("invalid_request_error", "idempotency_key_in_use", null,
						"There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): "
								+ scopedKey.substring(scopedKey.indexOf(' ') + 1) + ". Please try again later.",
						null, null), request, false);
			}
			this.replays.incrementAndGet();
			return new Answer(previous.status(), previous.body(), request, true);
		}
		Answer answer = execute.get();
		if (answer.status() == 400 || answer.status() == 404) {
			this.answersByKey.remove(scopedKey);
		}
		else {
			this.answersByKey.put(scopedKey, new Answer(answer.status(), answer.body(), request, false));
		}
		return answer;
	}

	private Answer route(String method, HttpExchange exchange, String path, String body, String apiKey) {
		Map<String, Object> form = FormBody.parse(body);
		String[] parts = path.split("/");
		if ("POST".equals(method) && path.equals("/v1/payment_intents")) {
			return createPaymentIntent(form, apiKey);
		}
		if ("GET".equals(method) && path.equals("/v1/payment_intents/search")) {
			return search(FormBody.parse(exchange.getRequestURI().getRawQuery()), apiKey);
		}
		if (parts.length >= 4 && "payment_intents".equals(parts[2])) {
			ObjectNode intent = this.intents.get(parts[3]);
			if (intent == null || !apiKey.equals(this.accountOf.get(parts[3]))) {
				return missing("payment_intent", parts[3], "intent");
			}
			if ("GET".equals(method) && parts.length == 4) {
				return ok(intent, "payment_intent");
			}
			if ("POST".equals(method) && parts.length == 5 && "capture".equals(parts[4])) {
				return capture(intent, form);
			}
			if ("POST".equals(method) && parts.length == 5 && "cancel".equals(parts[4])) {
				return cancel(intent, form);
			}
		}
		if ("POST".equals(method) && path.equals("/v1/refunds")) {
			return refund(form, apiKey);
		}
		return new Answer(404, error("invalid_request_error", null, null,
				"Unrecognized request URL (" + method + ": " + path + ").", null, null), null, false);
	}

	private Answer createPaymentIntent(Map<String, Object> form, String apiKey) {
		Long amount = number(form.get("amount"));
		Object currency = form.get("currency");
		if (amount == null || amount < 1) {
			return invalid("amount", "Missing required param: amount.");
		}
		if (!(currency instanceof String code) || !code.matches("[a-z]{3}")) {
			return invalid("currency", "Missing required param: currency.");
		}
		Map<?, ?> data = (form.get("payment_method_data") instanceof Map<?, ?> m) ? m : Map.of();
		Map<?, ?> card = (data.get("card") instanceof Map<?, ?> m) ? m : Map.of();
		String number;
		if (card.get("token") instanceof String token) {
			if (!GOOGLE_PAY_TOKEN.equals(token)) {
				return missing("token", token, "payment_method_data[card][token]");
			}
			number = "4242424242424242";
		}
		else if (card.get("number") instanceof String given) {
			number = given;
		}
		else {
			number = null;
		}
		if (!"card".equals(data.get("type")) || number == null) {
			return invalid("payment_method_data", "You must provide a payment method.");
		}
		if (!"true".equals(form.get("confirm"))) {
			return invalid("confirm", "This fake Stripe only takes PaymentIntents confirmed at creation.");
		}
		boolean manual = "manual".equals(form.get("capture_method"));
		ObjectNode intent = this.paymentIntentFixture.deepCopy();
		String id = "pi_" + token();
		this.accountOf.put(id, apiKey);
		intent.put("id", id);
		intent.put("amount", amount);
		intent.put("currency", code);
		intent.put("created", Instant.now().getEpochSecond());
		intent.put("capture_method", manual ? "manual" : "automatic");
		intent.put("confirmation_method", "automatic");
		intent.put("client_secret", id + "_secret_" + token());
		intent.put("payment_method", "pm_" + token());
		intent.putNull("canceled_at");
		intent.putNull("next_action");
		intent.putNull("last_payment_error");
		intent.putNull("processing");
		intent.putNull("transfer_data");
		intent.putNull("payment_method_configuration_details");
		intent.putNull("managed_payments");
		intent.set("automatic_payment_methods", null);
		intent.set("payment_method_types", JSON.createArrayNode().add("card"));
		ObjectNode metadata = intent.putObject("metadata");
		if (form.get("metadata") instanceof Map<?, ?> given) {
			given.forEach((key, value) -> metadata.put(key.toString(), value.toString()));
		}
		String[] decline = DECLINING_CARDS.get(number);
		if (CHALLENGED_CARDS.contains(number)) {
			if ("true".equals(form.get("error_on_requires_action")) || !(form.get("return_url") instanceof String)) {
				decline = new String[] { "authentication_required", "authentication_required" };
			}
			else {
				return challenge(intent, id, (String) form.get("return_url"), number);
			}
		}
		if (decline != null) {
			intent.put("status", "requires_payment_method");
			intent.putNull("latest_charge");
			intent.putNull("payment_method");
			ObjectNode error = errorObject("card_error", decline[0], decline[1], "Your card was declined.", null,
					"ch_" + token());
			intent.set("last_payment_error", error);
			this.intents.put(id, intent);
			ObjectNode body = JSON.createObjectNode();
			ObjectNode withIntent = error.deepCopy();
			withIntent.set("payment_intent", intent);
			body.set("error", withIntent);
			this.served.add(new Served("error", JSON.writeValueAsString(body)));
			return new Answer(402, JSON.writeValueAsString(body), null, false);
		}
		intent.put("latest_charge", "ch_" + token());
		if (manual) {
			intent.put("status", "requires_capture");
			intent.put("amount_capturable", amount);
			intent.put("amount_received", 0);
		}
		else {
			intent.put("status", "succeeded");
			intent.put("amount_capturable", 0);
			intent.put("amount_received", amount);
		}
		this.intents.put(id, intent);
		this.charges.incrementAndGet();
		return ok(intent, "payment_intent");
	}

	/**
	 * A PaymentIntent waiting on 3-D Secure, as Stripe answers a confirm with a
	 * {@code return_url}: {@code requires_action} with a {@code redirect_to_url}.
	 */
	private Answer challenge(ObjectNode intent, String id, String returnUrl, String number) {
		intent.put("status", "requires_action");
		intent.putNull("latest_charge");
		intent.put("amount_capturable", 0);
		intent.put("amount_received", 0);
		ObjectNode next = intent.putObject("next_action");
		next.put("type", "redirect_to_url");
		ObjectNode redirect = next.putObject("redirect_to_url");
		redirect.put("url", url() + "/v1/3ds/" + id);
		redirect.put("return_url", returnUrl);
		intent.put("fake_challenge_fails", "4000000000003220".equals(number));
		this.intents.put(id, intent);
		return ok(intent, "payment_intent");
	}

	/**
	 * The cardholder answers the issuer's challenge: passed, the PaymentIntent is
	 * authorized (held or captured); failed, it is back in
	 * {@code requires_payment_method} with Stripe's
	 * {@code payment_intent_authentication_failure}. Answers the PaymentIntent for its
	 * event.
	 */
	public ObjectNode completeChallenge(String intentId, boolean pass) {
		ObjectNode intent = this.intents.get(intentId);
		synchronized (intent) {
			boolean passed = pass && !intent.path("fake_challenge_fails").asBoolean();
			intent.putNull("next_action");
			if (passed) {
				long amount = intent.path("amount").asLong();
				intent.put("latest_charge", "ch_" + token());
				if ("manual".equals(intent.path("capture_method").asString())) {
					intent.put("status", "requires_capture");
					intent.put("amount_capturable", amount);
				}
				else {
					intent.put("status", "succeeded");
					intent.put("amount_received", amount);
				}
				this.charges.incrementAndGet();
			}
			else {
				intent.put("status", "requires_payment_method");
				intent.putNull("payment_method");
				intent.set("last_payment_error",
						errorObject("invalid_request_error", "payment_intent_authentication_failure", null,
								"The provided PaymentMethod has failed authentication.", null, null));
			}
			return servable(intent);
		}
	}

	private Answer capture(ObjectNode intent, Map<String, Object> form) {
		synchronized (intent) {
			if (!"requires_capture".equals(intent.path("status").asString())) {
				return unexpectedState(intent, "capture");
			}
			long capturable = intent.path("amount_capturable").asLong();
			Long amount = (form.get("amount_to_capture") == null) ? capturable : number(form.get("amount_to_capture"));
			if (amount == null || amount < 1 || amount > capturable) {
				return invalid("amount_to_capture",
						"The amount_to_capture must be less than or equal to the amount_capturable.");
			}
			intent.put("status", "succeeded");
			intent.put("amount_received", amount);
			intent.put("amount_capturable", 0);
			return ok(intent, "payment_intent");
		}
	}

	private Answer cancel(ObjectNode intent, Map<String, Object> form) {
		synchronized (intent) {
			String status = intent.path("status").asString();
			if (status.equals("succeeded") || status.equals("canceled")) {
				return unexpectedState(intent, "cancel");
			}
			intent.put("status", "canceled");
			intent.put("amount_capturable", 0);
			intent.put("canceled_at", Instant.now().getEpochSecond());
			Object reason = form.get("cancellation_reason");
			intent.put("cancellation_reason", (reason == null) ? "requested_by_customer" : reason.toString());
			return ok(intent, "payment_intent");
		}
	}

	private Answer refund(Map<String, Object> form, String apiKey) {
		Object intentId = form.get("payment_intent");
		ObjectNode intent = (intentId == null || !apiKey.equals(this.accountOf.get(intentId.toString()))) ? null
				: this.intents.get(intentId.toString());
		if (intent == null) {
			return missing("payment_intent", String.valueOf(intentId), "payment_intent");
		}
		synchronized (intent) {
			long refundable = intent.path("amount_received").asLong() - intent.path("amount_refunded_fake").asLong();
			Long amount = (form.get("amount") == null) ? refundable : number(form.get("amount"));
			if (!"succeeded".equals(intent.path("status").asString())) {
				return new Answer(400, error("invalid_request_error", "charge_not_refundable", null,
						"This PaymentIntent does not have a successful charge to refund.", "payment_intent", null),
						null, false);
			}
			if (amount == null || amount < 1 || amount > refundable) {
				return new Answer(400,
						error("invalid_request_error", "amount_too_large", null, "Refund amount ($" + amount
								+ ") is greater than unrefunded amount on charge ($" + refundable + ")", "amount",
								null),
						null, false);
			}
			// Stripe keeps this on the Charge; the fake keeps it on the intent, out of
			// the
			// served JSON.
			intent.put("amount_refunded_fake", intent.path("amount_refunded_fake").asLong() + amount);
			ObjectNode refund = this.refundFixture.deepCopy();
			refund.put("id", "re_" + token());
			refund.put("amount", amount);
			refund.put("currency", intent.path("currency").asString());
			refund.put("charge", intent.path("latest_charge").asString());
			refund.put("payment_intent", intent.path("id").asString());
			refund.put("created", Instant.now().getEpochSecond());
			refund.put("status", "succeeded");
			refund.putNull("destination_details");
			ObjectNode metadata = refund.putObject("metadata");
			if (form.get("metadata") instanceof Map<?, ?> given) {
				given.forEach((key, value) -> metadata.put(key.toString(), value.toString()));
			}
			this.refunds.incrementAndGet();
			this.refundObjects.put(refund.path("id").asString(), refund);
			return ok(refund, "refund");
		}
	}

	private Answer search(Map<String, Object> query, String apiKey) {
		Object text = query.get("query");
		Matcher matcher = (text == null) ? null : SEARCH.matcher(text.toString());
		if (matcher == null || !matcher.matches()) {
			return invalid("query", "Invalid search query.");
		}
		String key = matcher.group(1);
		String value = matcher.group(2).replace("\\'", "'");
		ObjectNode result = JSON.createObjectNode();
		result.put("object", "search_result");
		result.put("url", "/v1/payment_intents/search");
		result.put("has_more", false);
		result.putNull("next_page");
		var data = result.putArray("data");
		this.intents.values()
			.stream()
			.filter(pi -> value.equals(pi.path("metadata").path(key).asString(null)))
			.filter(pi -> apiKey.equals(this.accountOf.get(pi.path("id").asString())))
			.forEach(pi -> data.add(servable(pi)));
		return ok(result, "search_result");
	}

	private Answer ok(ObjectNode object, String kind) {
		String body = JSON.writeValueAsString(servable(object));
		this.served.add(new Served(kind, body));
		return new Answer(200, body, null, false);
	}

	private static ObjectNode servable(ObjectNode object) {
		ObjectNode copy = object.deepCopy();
		copy.remove("amount_refunded_fake");
		copy.remove("fake_challenge_fails");
		return copy;
	}

	private Answer unexpectedState(ObjectNode intent, String action) {
		ObjectNode error = errorObject("invalid_request_error", "payment_intent_unexpected_state", null,
				"This PaymentIntent could not be " + (action.equals("capture") ? "captured" : "canceled")
						+ " because it has a status of " + intent.path("status").asString() + ".",
				null, null);
		error.set("payment_intent", servable(intent));
		String body = JSON.writeValueAsString(JSON.createObjectNode().set("error", error));
		this.served.add(new Served("error", body));
		return new Answer(400, body, null, false);
	}

	private Answer invalid(String param, String message) {
		return new Answer(400, error("invalid_request_error", "parameter_invalid_empty", null, message, param, null),
				null, false);
	}

	private Answer missing(String object, String id, String param) {
		return new Answer(404, error("invalid_request_error", "resource_missing", null,
				"No such " + object + ": '" + id + "'", param, null), null, false);
	}

	private String error(String type, String code, String declineCode, String message, String param, String charge) {
		String body = JSON.writeValueAsString(
				JSON.createObjectNode().set("error", errorObject(type, code, declineCode, message, param, charge)));
		this.served.add(new Served("error", body));
		return body;
	}

	private static ObjectNode errorObject(String type, String code, String declineCode, String message, String param,
			String charge) {
		ObjectNode error = JSON.createObjectNode();
		error.put("type", type);
		if (code != null) {
			error.put("code", code);
			error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
		}
		if (declineCode != null) {
			error.put("decline_code", declineCode);
		}
		if (charge != null) {
			error.put("charge", charge);
		}
		error.put("message", message);
		if (param != null) {
			error.put("param", param);
		}
		error.put("request_log_url", "https://dashboard.stripe.com/test/logs/req_fake");
		return error;
	}

	private void respond(HttpExchange exchange, int status, String body, String replayedKey) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Request-Id", "req_" + token());
		exchange.getResponseHeaders().set("Stripe-Version", "2025-09-30.clover");
		if (replayedKey != null) {
			exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
			exchange.getResponseHeaders().set("Original-Request", "req_fake");
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private String token() {
		return Long.toString(System.nanoTime(), 36) + this.ids.incrementAndGet();
	}

	private static Long number(Object value) {
		try {
			return (value == null) ? null : Long.parseLong(value.toString());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static ObjectNode fixture(String name) {
		try (InputStream in = FakeStripe.class.getResourceAsStream("/stripe/" + name + ".json")) {
			return (ObjectNode) JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One body served, and the kind of Stripe object it is. */
	public record Served(String kind, String body) {
	}

	private record Answer(int status, String body, String request, boolean replayed) {
	}

	/**
	 * Stripe's form encoding: {@code a[b][c]=v}, lists as {@code a[0]=v} or
	 * {@code a[]=v}.
	 */
	static final class FormBody {

		private FormBody() {
		}

		@SuppressWarnings("unchecked")
		static Map<String, Object> parse(String encoded) {
			Map<String, Object> root = new LinkedHashMap<>();
			if (encoded == null || encoded.isEmpty()) {
				return root;
			}
			for (String pair : encoded.split("&")) {
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				List<String> path = new ArrayList<>();
				int bracket = name.indexOf('[');
				path.add((bracket < 0) ? name : name.substring(0, bracket));
				while (bracket >= 0) {
					int close = name.indexOf(']', bracket);
					path.add(name.substring(bracket + 1, close));
					bracket = name.indexOf('[', close);
				}
				Map<String, Object> node = root;
				for (int i = 0; i < path.size() - 1; i++) {
					String segment = path.get(i);
					String next = path.get(i + 1);
					if (next.isEmpty() || next.chars().allMatch(Character::isDigit)) {
						List<Object> list = (List<Object>) node.computeIfAbsent(segment, k -> new ArrayList<>());
						list.add(value);
						node = null;
						break;
					}
					node = (Map<String, Object>) node.computeIfAbsent(segment, k -> new LinkedHashMap<>());
				}
				if (node != null) {
					node.put(path.get(path.size() - 1), value);
				}
			}
			return root;
		}

	}

}
