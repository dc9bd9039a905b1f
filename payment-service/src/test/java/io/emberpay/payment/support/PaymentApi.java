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
