package io.emberpay.payment.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;

/** Drives payment-service over HTTP the way the mobile app and a merchant server do. */
public final class PaymentApi {

	public static final String VISA = "4242424242424242";

	private final String baseUrl;

	public PaymentApi(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public ApiClient anonymous() {
		return new ApiClient(this.baseUrl);
	}

	public ApiClient user(String userId) {
		return anonymous().withToken(TestTokens.get().user(userId));
	}

	public ApiClient merchant(String merchantId) {
		return anonymous().withToken(TestTokens.get().merchant(merchantId));
	}

	public static String newUser() {
		return "usr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	public static String newMerchant() {
		return "mer_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	public static Map<String, String> key() {
		return Map.of("Idempotency-Key", UUID.randomUUID().toString());
	}

	public static Map<String, Object> card(String number, int expMonth, int expYear, String cvc) {
		return Map.of("type", "card", "card",
				Map.of("number", number, "exp_month", expMonth, "exp_year", expYear, "cvc", cvc));
	}

	/** An IBAN whose check digits hold (the Commerzbank example of ISO 13616). */
	public static final String IBAN = "DE89370400440532013000";

	/** An ABA routing number whose 3-7-1 checksum holds. */
	public static final String ROUTING = "110000000";

	/** An Apple Pay token of the documented test shape (docs/test-cards.md). */
	public static Map<String, Object> applePayToken(String data) {
		return Map.of("paymentData",
				Map.of("version", "EC_v1", "data", data, "signature", "c2lnbmF0dXJl", "header",
						Map.of("ephemeralPublicKey", "a2V5", "publicKeyHash", "aGFzaA==", "transactionId", "0a1b2c3d")),
				"paymentMethod", Map.of("displayName", "Visa 4242", "network", "Visa", "type", "debit"),
				"transactionIdentifier", "0A1B2C3D");
	}

	/** A Google Pay {@code paymentMethodData} of the documented test shape. */
	public static Map<String, Object> googlePayToken(String signedMessage) {
		return Map.of("type", "CARD", "description", "Mastercard 5555", "info",
				Map.of("cardNetwork", "MASTERCARD", "cardDetails", "5555"), "tokenizationData",
				Map.of("type", "PAYMENT_GATEWAY", "token",
						"{\"signature\":\"MEUCIQ==\",\"protocolVersion\":\"ECv2\",\"signedMessage\":\"" + signedMessage
								+ "\"}"));
	}

	public static Map<String, Object> wallet(String type, Map<String, Object> token) {
		return Map.of("type", type, type, Map.of("token", token));
	}

	public static Map<String, Object> mandate() {
		return Map.of("accepted_at", "2026-12-01T10:00:00Z", "ip", "203.0.113.7", "user_agent", "EmberpayApp/3.1 iOS");
	}

	public static Map<String, Object> sepaDebit(String iban) {
		return Map.of("type", "sepa_debit", "sepa_debit", Map.of("iban", iban, "account_holder_name", "Jenny Rosen"),
				"mandate", mandate());
	}

	public static Map<String, Object> usBankAccount(String routing, String account) {
		return Map.of("type", "us_bank_account", "us_bank_account",
				Map.of("routing_number", routing, "account_number", account, "account_holder_type", "individual"),
				"mandate", mandate());
	}

	/** Vaults any payment method for the user and answers its {@code pm_} id. */
	public String paymentMethod(String userId, Map<String, Object> method) {
		ApiClient.Response response = user(userId).post("/v1/payment_methods", method);
		if (response.status() != 201) {
			throw new IllegalStateException("could not vault the method: " + response.body());
		}
		return response.text("id");
	}

	/** Vaults a card for the user and answers its {@code pm_} id. */
	public String paymentMethod(String userId, String number) {
		ApiClient.Response response = user(userId).post("/v1/payment_methods", card(number, 12, 2031, "123"));
		if (response.status() != 201) {
			throw new IllegalStateException("could not vault a card: " + response.body());
		}
		return response.text("id");
	}

	public static Map<String, Object> payment(long amount, String currency, String merchant, String paymentMethod,
			String captureMethod) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", amount);
		body.put("currency", currency);
		body.put("merchant", merchant);
		body.put("payment_method", paymentMethod);
		body.put("capture_method", captureMethod);
		return body;
	}

	public ApiClient.Response pay(String userId, Map<String, Object> body) {
		return user(userId).post("/v1/payments", body, key());
	}

}
