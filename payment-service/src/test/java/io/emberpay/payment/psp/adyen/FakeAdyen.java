package io.emberpay.payment.psp.adyen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.emberpay.payment.psp.AcquirerFault;
import io.emberpay.payment.psp.FakeAcquirer;
import io.emberpay.payment.support.LoopbackServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adyen's Checkout API (v71) on loopback for the tests, in Adyen's wire format: JSON
 * bodies, {@code X-API-Key} authentication (a key belongs to one merchant account),
 * {@code pspReference}s, {@code resultCode} and {@code refusalReason}/
 * {@code refusalReasonCode} on 200, modifications answered {@code 201} with
 * {@code status: received}, errors as {@code {status, errorCode, message, errorType}},
 * and {@code Idempotency-Key} replay (the same key gets the first response again; while
 * the first is running, {@code 422} error 704). Cards decline by number with Adyen's
 * refusal reasons. Faults (late answers after acting, refusals before acting) can be
 * injected; every authorisation is counted, so a double charge shows. One server per test
 * JVM.
 */
public final class FakeAdyen implements FakeAcquirer {

	public static final String API_KEY = "AQEfakeAdyenEmberpayKey0001";

	public static final String MERCHANT_ACCOUNT = "EmberpayECOM";

	public static final String OTHER_API_KEY = "AQEfakeAdyenEmberpayKey0002";

	public static final String OTHER_MERCHANT_ACCOUNT = "EmberpayOtherECOM";

	/** The key the tests' own notifications are signed with (hex, as Adyen shows it). */
	public static final String HMAC_KEY = "4F2A9C61D0B3E8577A1C2D3E4F5061728394A5B6C7D8E9F00112233445566778";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Card number to Adyen's refusal reason and its code. */
	private static final Map<String, String[]> REFUSING_CARDS = Map.ofEntries(
			Map.entry("4000000000000002", new String[] { "Refused", "2" }),
			Map.entry("4000000000009995", new String[] { "Not enough balance", "12" }),
			Map.entry("4000000000009987", new String[] { "Blocked Card", "5" }),
			Map.entry("4000000000006975", new String[] { "Withdrawal count exceeded", "29" }),
			Map.entry("4100000000000019", new String[] { "FRAUD", "20" }),
			Map.entry("4000000000000069", new String[] { "Expired Card", "6" }),
			Map.entry("4000000000000127", new String[] { "CVC Declined", "24" }),
			Map.entry("4000000000000119", new String[] { "Acquirer Error", "4" }));

	/**
	 * Cards whose issuer asks for 3-D Secure: Adyen's documented 3-D Secure 2 test card
	 * {@code 4212345678910006} and the platform's {@code 4000002760003184} (passed or
	 * failed as the shopper answers), and {@code 4000000000003220} (always failed).
	 * Without a {@code returnUrl} Adyen cannot redirect: refused, "3D Not Authenticated".
	 */
	private static final Set<String> CHALLENGED_CARDS = Set.of("4212345678910006", "4000002760003184",
			"4000000000003220");

	/** Payments waiting on the shopper's 3-D Secure challenge, by the redirect's MD. */
	private final Map<String, ObjectNode> challenges = new ConcurrentHashMap<>();

	/** The result a returning shopper's redirectResult stands for. */
	private final Map<String, ObjectNode> redirectResults = new ConcurrentHashMap<>();

	private static volatile FakeAdyen instance;

	private final HttpServer server;

	private final Map<String, String> accountsByKey = Map.of(API_KEY, MERCHANT_ACCOUNT, OTHER_API_KEY,
			OTHER_MERCHANT_ACCOUNT);

	private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();

	private final Map<String, Answer> answersByKey = new ConcurrentHashMap<>();

	private final List<Served> served = new CopyOnWriteArrayList<>();

	private final AtomicInteger charges = new AtomicInteger();

	private final AtomicInteger captures = new AtomicInteger();

	private final AtomicInteger refunds = new AtomicInteger();

	private final AtomicInteger replays = new AtomicInteger();

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000);

	private final AtomicReference<AcquirerFault> fault = new AtomicReference<>();

	private FakeAdyen() {
		this.server = LoopbackServer.start(this::handle, 200);
	}

	public static FakeAdyen get() {
		if (instance == null) {
			synchronized (FakeAdyen.class) {
				if (instance == null) {
					instance = new FakeAdyen();
				}
			}
		}
		return instance;
	}

	/** The Checkout API's base URL, version included, as Adyen's test endpoint has it. */
	public String checkoutUrl() {
		return LoopbackServer.url(this.server) + "/checkout/v71";
	}

	/** Authorisations made (Authorised answers), replays not counted. */
	@Override
	public int charges() {
		return this.charges.get();
	}

	public int captures() {
		return this.captures.get();
	}

	public int refunds() {
		return this.refunds.get();
	}

	@Override
	public int replays() {
		return this.replays.get();
	}

	/** Every request that reached the fake, refused or not. */
	public int calls() {
		return this.calls.get();
	}

	public List<Served> served() {
		return List.copyOf(this.served);
	}

	/**
	 * The payment Adyen holds under our reference (the payment id), as the fake sees it.
	 */
	public JsonNode paymentOf(String reference) {
		return this.payments.values()
			.stream()
			.filter(p -> reference.equals(p.path("reference").asString(null)))
			.findFirst()
			.orElse(null);
	}

	@Override
	public void fault(AcquirerFault fault) {
		this.fault.set(fault);
	}

	@Override
	public void clearFault() {
		this.fault.set(null);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.calls.incrementAndGet();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String apiKey = exchange.getRequestHeaders().getFirst("X-API-Key");
			String account = (apiKey == null) ? null : this.accountsByKey.get(apiKey);
			if (account == null) {
				respond(exchange, 401, error(401, "000", "HTTP Status Response - Unauthorized", "security"));
				return;
			}
			AcquirerFault current = this.fault.get();
			if (current != null && !current.take()) {
				current = null;
			}
			if (current != null && current.refuseWith() > 0) {
				respond(exchange, current.refuseWith(),
						error(current.refuseWith(), "000", "An unknown error occurred", "internal"));
				return;
			}
			String path = exchange.getRequestURI().getRawPath();
			String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			Answer answer = "POST".equals(exchange.getRequestMethod())
					? idempotent(apiKey, idempotencyKey, () -> route(path, body, account))
					: new Answer(405, error(405, "000", "HTTP Status Response - Method Not Allowed", "validation"));
			if (current != null) {
				current.holdAnswer();
			}
			respond(exchange, answer.status(), answer.body());
		}
	}

	/**
	 * Adyen keeps a key's first response and answers it again; a request that failed
	 * validation is not kept.
	 */
	private Answer idempotent(String apiKey, String key, Supplier<Answer> execute) {
		if (key == null) {
			return execute.get();
		}
		String scoped = apiKey + " " + key;
		Answer previous = this.answersByKey.putIfAbsent(scoped, new Answer(0, null));
		if (previous != null) {
			if (previous.body() == null) {
				return new Answer(422, error(422, "704", "request already processed or in progress", "validation"));
			}
			this.replays.incrementAndGet();
			return previous;
		}
		Answer answer = execute.get();
		if (answer.status() == 422 || answer.status() == 400) {
			this.answersByKey.remove(scoped);
		}
		else {
			this.answersByKey.put(scoped, answer);
		}
		return answer;
	}

	private Answer route(String path, String body, String account) {
		JsonNode request;
		try {
			request = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return new Answer(400, error(400, "702",
					"Structure of PaymentRequest contains the following unknown " + "fields: request body is not JSON",
					"validation"));
		}
		String[] parts = path.split("/");
		if (parts.length == 5 && "payments".equals(parts[3]) && "details".equals(parts[4])) {
			return details(request, account);
		}
		if (!account.equals(request.path("merchantAccount").asString(""))) {
			return new Answer(403, error(403, "901", "Invalid Merchant Account", "security"));
		}
		// /checkout/v71/payments[/{pspReference}/{modification}]
		if (parts.length == 4 && "payments".equals(parts[3])) {
			return authorise(request, account);
		}
		if (parts.length == 6 && "payments".equals(parts[3])) {
			ObjectNode payment = this.payments.get(parts[4]);
			if (payment == null || !account.equals(payment.path("merchantAccount").asString())) {
				return new Answer(422,
						error(422, "167", "Original pspReference required for this operation", "validation"));
			}
			return switch (parts[5]) {
				case "captures" -> capture(payment, request);
				case "cancels" -> cancel(payment, request);
				case "refunds" -> refund(payment, request);
				default -> notFound(path);
			};
		}
		return notFound(path);
	}

	private Answer authorise(JsonNode request, String account) {
		JsonNode amount = request.path("amount");
		JsonNode method = request.path("paymentMethod");
		if (!amount.path("value").canConvertToLong() || amount.path("value").asLong() < 1) {
			return new Answer(422, error(422, "137", "Invalid amount specified", "validation"));
		}
		if (!amount.path("currency").asString("").matches("[A-Z]{3}")) {
			return new Answer(422, error(422, "138", "Invalid currency specified", "validation"));
		}
		String wallet = method.path("type").asString("");
		if (("applepay".equals(wallet) && !applePayToken(method.path("applePayToken").asString("")))
				|| ("googlepay".equals(wallet) && !googlePayToken(method.path("googlePayToken").asString("")))) {
			return new Answer(422, error(422, "000", "Unable to decrypt token", "validation"));
		}
		boolean isWallet = "applepay".equals(wallet) || "googlepay".equals(wallet);
		if (!isWallet && (!"scheme".equals(wallet) || method.path("number").asString("").isEmpty())) {
			return new Answer(422, error(422, "000", "Required field 'paymentMethod' is not provided", "validation"));
		}
		if (request.path("reference").asString("").isEmpty()) {
			return new Answer(422, error(422, "130", "Required field 'reference' is not provided.", "validation"));
		}
		// a wallet's decrypted network token is a Visa ending 4242 here
		String number = isWallet ? "4242424242424242" : method.path("number").asString();
		if (CHALLENGED_CARDS.contains(number) && !request.path("returnUrl").asString("").isEmpty()) {
			return redirectShopper(request, account, number);
		}
		String pspReference = pspReference();
		ObjectNode response = JSON.createObjectNode();
		ObjectNode additional = response.putObject("additionalData");
		additional.put("cardSummary", number.substring(number.length() - 4));
		additional.put("expiryDate", Integer.parseInt(method.path("expiryMonth").asString("12")) + "/"
				+ method.path("expiryYear").asString("2031"));
		response.put("pspReference", pspReference);
		String[] refusal = CHALLENGED_CARDS.contains(number) ? new String[] { "3D Not Authenticated", "11" }
				: REFUSING_CARDS.get(number);
		if (refusal != null) {
			additional.put("refusalReasonRaw", refusal[0].toUpperCase());
			response.put("refusalReason", refusal[0]);
			response.put("refusalReasonCode", refusal[1]);
			response.put("resultCode", "Refused");
		}
		else {
			additional.put("authCode", String.valueOf(100000 + pspReference.hashCode() % 800000));
			response.put("resultCode", "Authorised");
		}
		response.set("amount", amount.deepCopy());
		response.put("merchantReference", request.path("reference").asString());
		ObjectNode brand = response.putObject("paymentMethod");
		brand.put("brand", number.startsWith("4") ? "visa" : "mc");
		brand.put("type", isWallet ? wallet : "scheme");
		if (refusal == null) {
			boolean manual = "true".equals(request.path("additionalData").path("manualCapture").asString(""));
			ObjectNode payment = JSON.createObjectNode();
			payment.put("pspReference", pspReference);
			payment.put("merchantAccount", account);
			payment.put("reference", request.path("reference").asString());
			payment.put("currency", amount.path("currency").asString());
			payment.put("amount", amount.path("value").asLong());
			payment.put("status", manual ? "authorised" : "captured");
			payment.put("captured", manual ? 0 : amount.path("value").asLong());
			payment.put("refunded", 0);
			payment.set("metadata", request.path("metadata").deepCopy());
			this.payments.put(pspReference, payment);
			this.charges.incrementAndGet();
		}
		return ok(200, "payment", response);
	}

	/**
	 * Adyen's answer when the issuer wants the shopper: {@code RedirectShopper} with a
	 * {@code redirect} action (GET to the issuer's page), no {@code pspReference} yet.
	 */
	private Answer redirectShopper(JsonNode request, String account, String number) {
		String md = "M2RzZmFrZQ" + pspReference();
		ObjectNode pending = JSON.createObjectNode();
		pending.put("merchantAccount", account);
		pending.put("reference", request.path("reference").asString());
		pending.put("currency", request.path("amount").path("currency").asString());
		pending.put("amount", request.path("amount").path("value").asLong());
		pending.put("manual", "true".equals(request.path("additionalData").path("manualCapture").asString("")));
		pending.put("alwaysFails", "4000000000003220".equals(number));
		pending.set("metadata", request.path("metadata").deepCopy());
		this.challenges.put(md, pending);
		ObjectNode response = JSON.createObjectNode();
		response.put("resultCode", "RedirectShopper");
		ObjectNode action = response.putObject("action");
		action.put("paymentMethodType", "scheme");
		action.put("url",
				checkoutUrl().replaceFirst("/checkout/v71$", "") + "/checkoutshopper/threeDS/redirect?MD=" + md);
		action.put("method", "GET");
		action.put("type", "redirect");
		return ok(200, "payment", response);
	}

	/** Adyen's documented redirect for a payment waiting on 3-D Secure, by reference. */
	public String challengeOf(String reference) {
		return this.challenges.entrySet()
			.stream()
			.filter(e -> reference.equals(e.getValue().path("reference").asString()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The shopper answers the issuer's challenge of the payment with this reference: on a
	 * pass Adyen authorises it (and would notify AUTHORISATION). Answers the
	 * {@code redirectResult} Adyen appends to the return URL and the pspReference the
	 * payment now has.
	 */
	public ChallengeResult completeChallenge(String reference, boolean pass) {
		String md = challengeOf(reference);
		ObjectNode pending = this.challenges.get(md);
		synchronized (pending) {
			if (pending.has("pspReference")) {
				return new ChallengeResult(pending.path("redirectResult").asString(),
						pending.path("pspReference").asString(), pending.path("passed").asBoolean());
			}
			boolean passed = pass && !pending.path("alwaysFails").asBoolean();
			String pspReference = pspReference();
			String redirectResult = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(("X3XtfGC9!" + md + ":" + pspReference).getBytes(StandardCharsets.UTF_8));
			pending.put("pspReference", pspReference);
			pending.put("passed", passed);
			pending.put("redirectResult", redirectResult);
			this.redirectResults.put(redirectResult, pending);
			if (passed) {
				ObjectNode payment = JSON.createObjectNode();
				payment.put("pspReference", pspReference);
				payment.put("merchantAccount", pending.path("merchantAccount").asString());
				payment.put("reference", pending.path("reference").asString());
				payment.put("currency", pending.path("currency").asString());
				payment.put("amount", pending.path("amount").asLong());
				boolean manual = pending.path("manual").asBoolean();
				payment.put("status", manual ? "authorised" : "captured");
				payment.put("captured", manual ? 0 : pending.path("amount").asLong());
				payment.put("refunded", 0);
				payment.set("metadata", pending.path("metadata").deepCopy());
				this.payments.put(pspReference, payment);
				this.charges.incrementAndGet();
			}
			return new ChallengeResult(redirectResult, pspReference, passed);
		}
	}

	/** {@code /payments/details} with the returning shopper's {@code redirectResult}. */
	private Answer details(JsonNode request, String account) {
		String redirectResult = request.path("details").path("redirectResult").asString("");
		ObjectNode pending = this.redirectResults.get(redirectResult);
		if (pending == null || !account.equals(pending.path("merchantAccount").asString())) {
			return new Answer(422, error(422, "000", "Invalid payment details", "validation"));
		}
		ObjectNode response = JSON.createObjectNode();
		ObjectNode additional = response.putObject("additionalData");
		response.put("pspReference", pending.path("pspReference").asString());
		response.put("merchantReference", pending.path("reference").asString());
		ObjectNode amount = response.putObject("amount");
		amount.put("currency", pending.path("currency").asString());
		amount.put("value", pending.path("amount").asLong());
		if (pending.path("passed").asBoolean()) {
			additional.put("authCode", "061542");
			response.put("resultCode", "Authorised");
		}
		else {
			additional.put("refusalReasonRaw", "3D NOT AUTHENTICATED");
			response.put("refusalReason", "3D Not Authenticated");
			response.put("refusalReasonCode", "11");
			response.put("resultCode", "Refused");
		}
		return ok(200, "details", response);
	}

	/** Adyen's Apple Pay token: the PKPaymentToken's paymentData, Base64-encoded. */
	private static boolean applePayToken(String token) {
		try {
			JsonNode data = JSON.readTree(Base64.getDecoder().decode(token));
			return data.path("version").isString() && data.path("data").isString() && data.path("signature").isString()
					&& data.path("header").isObject();
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return false;
		}
	}

	/** Adyen's Google Pay token: tokenizationData.token, Google's signed JSON. */
	private static boolean googlePayToken(String token) {
		try {
			JsonNode data = JSON.readTree(token);
			return data.path("protocolVersion").isString() && data.path("signature").isString()
					&& data.path("signedMessage").isString();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private Answer capture(ObjectNode payment, JsonNode request) {
		synchronized (payment) {
			long value = request.path("amount").path("value").asLong(-1);
			if (!"authorised".equals(payment.path("status").asString())) {
				return new Answer(422,
						error(422, "167", "Original pspReference required for this operation", "validation"));
			}
			if (value < 1 || value > payment.path("amount").asLong()
					|| !payment.path("currency")
						.asString()
						.equals(request.path("amount").path("currency").asString())) {
				return new Answer(422, error(422, "137", "Invalid amount specified", "validation"));
			}
			payment.put("status", "captured");
			payment.put("captured", value);
			this.captures.incrementAndGet();
			return ok(201, "capture", modification(payment, request, true));
		}
	}

	private Answer cancel(ObjectNode payment, JsonNode request) {
		synchronized (payment) {
			if (!"authorised".equals(payment.path("status").asString())) {
				return new Answer(422,
						error(422, "167", "Original pspReference required for this operation", "validation"));
			}
			payment.put("status", "cancelled");
			return ok(201, "cancel", modification(payment, request, false));
		}
	}

	private Answer refund(ObjectNode payment, JsonNode request) {
		synchronized (payment) {
			long value = request.path("amount").path("value").asLong(-1);
			long refundable = payment.path("captured").asLong() - payment.path("refunded").asLong();
			if (!"captured".equals(payment.path("status").asString())) {
				return new Answer(422,
						error(422, "167", "Original pspReference required for this operation", "validation"));
			}
			if (value < 1 || value > refundable) {
				return new Answer(422, error(422, "137", "Invalid amount specified", "validation"));
			}
			payment.put("refunded", payment.path("refunded").asLong() + value);
			this.refunds.incrementAndGet();
			return ok(201, "refund", modification(payment, request, true));
		}
	}

	private ObjectNode modification(ObjectNode payment, JsonNode request, boolean withAmount) {
		ObjectNode response = JSON.createObjectNode();
		response.put("merchantAccount", payment.path("merchantAccount").asString());
		response.put("paymentPspReference", payment.path("pspReference").asString());
		response.put("pspReference", pspReference());
		if (request.has("reference")) {
			response.put("reference", request.path("reference").asString());
		}
		response.put("status", "received");
		if (withAmount) {
			response.set("amount", request.path("amount").deepCopy());
		}
		return response;
	}

	private Answer notFound(String path) {
		return new Answer(404, error(404, "000", "HTTP Status Response - Not Found: " + path, "validation"));
	}

	private Answer ok(int status, String kind, ObjectNode object) {
		String body = JSON.writeValueAsString(object);
		this.served.add(new Served(kind, body));
		return new Answer(status, body);
	}

	private String error(int status, String code, String message, String type) {
		ObjectNode error = JSON.createObjectNode();
		error.put("status", status);
		error.put("errorCode", code);
		error.put("message", message);
		error.put("errorType", type);
		String body = JSON.writeValueAsString(error);
		this.served.add(new Served("error", body));
		return body;
	}

	/** Adyen's references: 16 characters, digits and capitals. */
	private String pspReference() {
		return String.format("ZX%014d", this.ids.incrementAndGet());
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * A standard notification as Adyen POSTs it: one AUTHORISATION item, signed here as
	 * Adyen documents (HMAC-SHA256 keyed with the hex-decoded key over
	 * {@code pspReference:
	 * originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:
	 * success}, Base64), independently of the code under test.
	 */
	public static String authorisation(String pspReference, String merchantAccount, String paymentId, long value,
			String currency, boolean success, String hmacKey) {
		return notification("AUTHORISATION", pspReference, null, merchantAccount, paymentId, value, currency, success,
				hmacKey);
	}

	/** Any standard notification item, signed the same way. */
	public static String notification(String eventCode, String pspReference, String originalReference,
			String merchantAccount, String merchantReference, long value, String currency, boolean success,
			String hmacKey) {
		ObjectNode item = JSON.createObjectNode();
		ObjectNode additional = item.putObject("additionalData");
		ObjectNode amount = item.putObject("amount");
		amount.put("currency", currency);
		amount.put("value", value);
		item.put("eventCode", eventCode);
		item.put("eventDate", "2026-12-07T15:00:00+01:00");
		item.put("merchantAccountCode", merchantAccount);
		item.put("merchantReference", merchantReference);
		if (originalReference != null) {
			item.put("originalReference", originalReference);
		}
		item.put("paymentMethod", "visa");
		item.put("pspReference", pspReference);
		item.put("reason", success ? "052095:4242:12/2031" : "Refused");
		item.put("success", String.valueOf(success));
		String signed = String.join(":", pspReference, (originalReference == null) ? "" : originalReference,
				merchantAccount, merchantReference, String.valueOf(value), currency, eventCode,
				String.valueOf(success));
		additional.put("hmacSignature", hmac(signed, hmacKey));
		ObjectNode notification = JSON.createObjectNode();
		notification.put("live", "false");
		notification.putArray("notificationItems").addObject().set("NotificationRequestItem", item);
		return JSON.writeValueAsString(notification);
	}

	public static String hmac(String signed, String hexKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(HexFormat.of().parseHex(hexKey), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What the shopper brings back from 3-D Secure, and what Adyen then knows. */
	public record ChallengeResult(String redirectResult, String pspReference, boolean passed) {
	}

	/** One body served, and the kind of Adyen object it is. */
	public record Served(String kind, String body) {
	}

	private record Answer(int status, String body) {
	}

}
