package io.emberpay.local;

import java.util.Map;
import java.util.UUID;

import io.emberpay.local.demo.GatewayClient;

/**
 * A merchant and a logged-in user with a saved card, created through the gateway for a
 * test.
 */
record PlatformFixture(GatewayClient gateway, String merchantId, String apiKey, String userId, String accessToken,
		String paymentMethod) {

	static PlatformFixture create(String gatewayUrl) {
		GatewayClient gateway = new GatewayClient(gatewayUrl);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var merchant = gateway
			.post("/v1/merchants", Map.of("name", "Fixture Shop " + suffix, "email", "shop-" + suffix + "@e2e.test"),
					null)
			.expect(201, "merchant sign-up");
		String email = "e2e-" + suffix + "@e2e.test";
		String password = "a long e2e password " + suffix;
		String userId = gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null)
			.expect(201, "sign-up")
			.text("id");
		String token = gateway
			.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", "e2e-" + suffix), null)
			.expect(200, "login")
			.text("access_token");
		String card = gateway
			.post("/v1/payment_methods",
					Map.of("type", "card", "card",
							Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2034, "cvc", "123")),
					token)
			.expect(201, "card")
			.text("id");
		return new PlatformFixture(gateway, merchant.text("id"), merchant.text("api_key"), userId, token, card);
	}

}
