package io.emberpay.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.local.TestCards;
import io.emberpay.local.demo.GatewayClient;

/**
 * The benchmark's population: one merchant and many users, each logged in on their own
 * phone with their own card, so per-card and per-device velocity stays what real traffic
 * looks like.
 */
record Shoppers(String merchant, List<Shopper> shoppers) {

	static Shoppers enrol(GatewayClient gateway, int count) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String merchant = gateway
			.post("/v1/merchants", Map.of("name", "Bench Store " + suffix, "email", "bench-" + suffix + "@bench.test"),
					null)
			.expect(201, "merchant")
			.text("id");
		List<Shopper> shoppers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String email = "shopper-" + i + "-" + suffix + "@bench.test";
			String password = "bench password " + suffix + i;
			String device = "bench-phone-" + i;
			gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null).expect(201, "signup");
			String token = gateway
				.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", device), null)
				.expect(200, "login")
				.text("access_token");
			String card = gateway
				.post("/v1/payment_methods",
						Map.of("type", "card", "card",
								Map.of("number", TestCards.visa(i), "exp_month", 12, "exp_year", 2034, "cvc", "123")),
						token)
				.expect(201, "card")
				.text("id");
			shoppers.add(new Shopper(token, card, device));
		}
		return new Shoppers(merchant, shoppers);
	}

	Shopper pick(long i) {
		return this.shoppers.get((int) (i % this.shoppers.size()));
	}

	record Shopper(String accessToken, String paymentMethod, String device) {
	}

}
