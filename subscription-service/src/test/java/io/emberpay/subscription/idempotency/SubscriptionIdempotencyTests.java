package io.emberpay.subscription.idempotency;

import java.util.Map;
import java.util.UUID;

import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@SubscriptionTest
class SubscriptionIdempotencyTests extends SubscriptionApi {

	@Test
	void aRetriedSubscribeAnswersTheFirstResponseAndSubscribesOnce() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 0, "premium");
		String user = newUser();
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		Map<String, Object> body = Map.of("price", price, "payment_method", paymentMethod("ok"));

		ApiClient.Response first = withoutKey(user).post("/v1/subscriptions", body, key);
		ApiClient.Response retry = withoutKey(user).post("/v1/subscriptions", body, key);
		ApiClient.Response otherBody = withoutKey(user).post("/v1/subscriptions",
				Map.of("price", price, "payment_method", paymentMethod("ok")), key);

		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(otherBody.status()).isEqualTo(422);
		assertThat(otherBody.text("code")).isEqualTo("idempotency_key_reused");
		assertThat(as(user).get("/v1/subscriptions").json().path("data").size()).isEqualTo(1);
		assertThat(as(user).get("/v1/invoices").json().path("data").size()).as("charged once").isEqualTo(1);
	}

	@Test
	void aRetriedCancelAnswersTheFirstResponseInsteadOfAConflict() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 7, "premium");
		String user = newUser();
		String id = subscribe(user, price, paymentMethod("ok")).text("id");
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

		ApiClient.Response first = withoutKey(user).post("/v1/subscriptions/" + id + "/cancel", Map.of(), key);
		ApiClient.Response retry = withoutKey(user).post("/v1/subscriptions/" + id + "/cancel", Map.of(), key);

		assertThat(first.text("status")).isEqualTo("canceled");
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.body()).isEqualTo(first.body());
	}

	@Test
	void aSubscriptionChangeWithoutAKeyIsRefused() {
		ApiClient.Response response = withoutKey(newUser()).post("/v1/subscriptions",
				Map.of("price", "price_x", "payment_method", "pm_ok_1"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("idempotency_key_missing");
	}

}
