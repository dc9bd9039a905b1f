package io.emberpay.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.emberpay.local.demo.GatewayClient;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overload contract on a small scale: with every hop's admission limit tiny (see
 * {@link RunningPlatform#endToEndSettings}), a burst of payments through the gateway gets
 * only 201s and 503/429 problems with {@code Retry-After}, never a 500; and nothing is
 * half-done: retrying each refused request with its Idempotency-Key ends in exactly one
 * succeeded payment per key, no other payment exists, and the ledger's integrity check
 * passes.
 */
class OverloadContractTests {

	private static final int SHOPPERS = 16;

	/** Below fraud-service's per-user velocity limit (5 a minute). */
	private static final int PAYMENTS_EACH = 3;

	private static RunningPlatform platform;

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void aBurstPastEveryLimitGetsOnlySuccessesOrRefusalsWithRetryAfterAndLeavesNothingHalfDone() throws Exception {
		GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String merchant = gateway
			.post("/v1/merchants", Map.of("name", "Burst Shop " + suffix, "email", "burst-" + suffix + "@e2e.test"),
					null)
			.expect(201, "merchant")
			.text("id");
		List<Shopper> shoppers = new ArrayList<>();
		for (int i = 0; i < SHOPPERS; i++) {
			shoppers.add(Shopper.enrol(platform.gatewayUrl(), gateway, suffix, i));
		}
		List<Attempt> attempts = new ArrayList<>();
		for (Shopper shopper : shoppers) {
			for (int n = 0; n < PAYMENTS_EACH; n++) {
				attempts.add(new Attempt(shopper, UUID.randomUUID().toString(),
						Map.of("amount", 1000 + attempts.size(), "currency", "USD", "merchant", merchant,
								"payment_method", shopper.card(), "capture_method", "automatic", "device_id",
								shopper.device())));
			}
		}

		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		Map<String, String> paymentByKey = new ConcurrentHashMap<>();
		List<Attempt> refused = burst(attempts, statuses, paymentByKey);

		assertThat(statuses.keySet()).as("statuses of the burst: %s", statuses).isSubsetOf(201, 429, 503);
		assertThat(statuses.getOrDefault(503, 0)).as("the burst crossed a limit: %s", statuses).isPositive();

		for (int round = 0; round < 30 && !refused.isEmpty(); round++) {
			Thread.sleep(Duration.ofSeconds(1));
			List<Attempt> again = new ArrayList<>();
			for (Attempt attempt : refused) {
				ApiClient.Response response = attempt.send();
				assertThat(response.status()).as(response.body()).isIn(201, 429, 503);
				if (response.status() == 201) {
					paymentByKey.put(attempt.key(), checkedSuccess(response));
				}
				else {
					checkRefusal(response);
					again.add(attempt);
				}
			}
			refused = again;
		}
		assertThat(refused).as("every refused request went through when retried").isEmpty();

		Set<String> payments = new HashSet<>(paymentByKey.values());
		assertThat(payments).hasSize(attempts.size());
		Set<String> listed = new HashSet<>();
		for (Shopper shopper : shoppers) {
			ApiClient.Response page = shopper.api().get("/v1/payments?limit=100");
			assertThat(page.status()).isEqualTo(200);
			page.json().get("data").forEach(payment -> {
				listed.add(payment.get("id").asString());
				assertThat(payment.get("status").asString()).isEqualTo("succeeded");
			});
		}
		assertThat(listed).as("no payment beyond one per key, none left processing").isEqualTo(payments);

		ApiClient.Response integrity = new ApiClient(platform.topology().service("ledger").url())
			.withToken(platform.checkToken("ledger-service"))
			.get("/internal/v1/integrity");
		assertThat(integrity.json().get("ok").asBoolean()).as(integrity.body()).isTrue();
	}

	/** Fires every attempt at once; answers the ones refused. */
	private static List<Attempt> burst(List<Attempt> attempts, Map<Integer, Integer> statuses,
			Map<String, String> paymentByKey) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		Map<Attempt, Future<ApiClient.Response>> answers = new HashMap<>();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Attempt attempt : attempts) {
				answers.put(attempt, callers.submit(() -> {
					start.await();
					return attempt.send();
				}));
			}
			start.countDown();
			List<Attempt> refused = new ArrayList<>();
			for (Attempt attempt : attempts) {
				ApiClient.Response response = answers.get(attempt).get();
				statuses.merge(response.status(), 1, Integer::sum);
				if (response.status() == 201) {
					paymentByKey.put(attempt.key(), checkedSuccess(response));
				}
				else if (response.status() == 429 || response.status() == 503) {
					checkRefusal(response);
					refused.add(attempt);
				}
			}
			return refused;
		}
	}

	private static String checkedSuccess(ApiClient.Response response) {
		assertThat(response.text("status")).as(response.body()).isEqualTo("succeeded");
		return response.text("id");
	}

	private static void checkRefusal(ApiClient.Response response) {
		assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
		assertThat(response.header("Retry-After")).as(response.body()).isNotBlank();
		assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
		assertThat(response.text("code")).as(response.body())
			.isIn("service_unavailable", "fraud_screening_unavailable", "rate_limited", "psp_unavailable");
	}

	/** A shopper on their own phone, card and address (as an ingress forwards it). */
	private record Shopper(ApiClient api, String card, String device) {

		static Shopper enrol(String gatewayUrl, GatewayClient gateway, String suffix, int i) {
			String address = "198.18.7." + (i + 1);
			String email = "burst-" + i + "-" + suffix + "@e2e.test";
			String password = "a long burst password " + suffix;
			String device = "burst-phone-" + i;
			ApiClient anonymous = new ApiClient(gatewayUrl).withHeader("X-Forwarded-For", address);
			assertThat(anonymous.post("/v1/auth/signup", Map.of("email", email, "password", password)).status())
				.isEqualTo(201);
			String token = anonymous
				.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", device))
				.text("access_token");
			ApiClient api = new ApiClient(gatewayUrl).withHeader("X-Forwarded-For", address).withToken(token);
			ApiClient.Response card = api.post("/v1/payment_methods", Map.of("type", "card", "card",
					Map.of("number", TestCards.visa(700_000 + i), "exp_month", 12, "exp_year", 2034, "cvc", "123")));
			assertThat(card.status()).as(card.body()).isEqualTo(201);
			return new Shopper(api, card.text("id"), device);
		}

	}

	private record Attempt(Shopper shopper, String key, Map<String, Object> body) {

		ApiClient.Response send() {
			return this.shopper.api().post("/v1/payments", this.body, Map.of("Idempotency-Key", this.key));
		}

	}

}
