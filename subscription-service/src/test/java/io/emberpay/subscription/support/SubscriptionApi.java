package io.emberpay.subscription.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.emberpay.events.ResourceIds;
import io.emberpay.subscription.renewal.RenewalRun;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What subscription tests share: API clients for fresh merchants and users, a catalogue
 * in one call, the clock and the acquirer stand-in.
 */
public abstract class SubscriptionApi {

	@Value("${local.server.port}")
	protected int port;

	@Autowired
	protected TestClock clock;

	@Autowired
	protected TestAcquirer acquirer;

	@Autowired
	protected RenewalRun renewals;

	protected static String newMerchant() {
		return ResourceIds.next("mer");
	}

	protected static String newUser() {
		return ResourceIds.next("usr");
	}

	/** A client for the principal whose requests each carry a fresh Idempotency-Key. */
	protected ApiClient as(String principal) {
		return withoutKey(principal).withHeader("Idempotency-Key", UUID.randomUUID().toString());
	}

	protected ApiClient withoutKey(String principal) {
		ApiClient api = new ApiClient("http://localhost:" + this.port);
		return api.withToken(
				principal.startsWith("mer_") ? TestTokens.get().merchant(principal) : TestTokens.get().user(principal));
	}

	protected String product(String merchant) {
		ApiClient.Response product = as(merchant).post("/v1/products", Map.of("name", "Membership"));
		assertThat(product.status()).as(product.body()).isEqualTo(201);
		return product.text("id");
	}

	protected String price(String merchant, String product, long amount, String interval, int trialDays, String tier) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("product", product);
		body.put("unit_amount", amount);
		body.put("currency", "USD");
		body.put("recurring", Map.of("interval", interval, "interval_count", 1));
		body.put("trial_period_days", trialDays);
		body.put("tier", tier);
		ApiClient.Response price = as(merchant).post("/v1/prices", body);
		assertThat(price.status()).as(price.body()).isEqualTo(201);
		return price.text("id");
	}

	protected ApiClient.Response subscribe(String user, String price, String paymentMethod) {
		return as(user).post("/v1/subscriptions", Map.of("price", price, "payment_method", paymentMethod));
	}

	protected static String paymentMethod(String outcome) {
		return "pm_" + outcome + "_" + ResourceIds.next("x").substring(2);
	}

	protected void advance(Duration by) {
		this.clock.advance(by);
	}

}
