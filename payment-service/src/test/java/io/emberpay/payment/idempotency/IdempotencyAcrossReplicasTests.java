package io.emberpay.payment.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.emberpay.events.Topics;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.payment.support.SecondReplica;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many concurrent duplicates of many keys, spread over two payment-service instances on
 * one database: every key yields exactly one payment, one acquirer authorization and one
 * {@code payment.succeeded} event, and every answer is either that payment or a 409.
 */
@PaymentServiceTest
class IdempotencyAcrossReplicasTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void fiftyKeysTimesTenDuplicatesOnTwoReplicasMakeFiftyPayments() throws Exception {
		duplicatesMakeOnePaymentPerKey(50, 10);
	}

	@Test
	@Tag("soak")
	void thousandKeysTimesTwentyDuplicatesOnTwoReplicasMakeThousandPayments() throws Exception {
		duplicatesMakeOnePaymentPerKey(1000, 20);
	}

	private void duplicatesMakeOnePaymentPerKey(int keys, int duplicates) throws Exception {
		PaymentApi first = new PaymentApi(this.port);
		PaymentApi second = new PaymentApi(SecondReplica.port());
		String user = PaymentApi.newUser();
		String merchant = PaymentApi.newMerchant();
		String card = first.paymentMethod(user, PaymentApi.VISA);
		ApiClient[] replicas = { first.user(user), second.user(user) };
		Map<String, Object> body = PaymentApi.payment(1234, "USD", merchant, card, "automatic");
		List<String> idempotencyKeys = new ArrayList<>();
		for (int i = 0; i < keys; i++) {
			idempotencyKeys.add(UUID.randomUUID().toString());
		}
		Map<String, Set<String>> paymentsByKey = new ConcurrentHashMap<>();
		List<Integer> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (TopicReader events = new TopicReader(Topics.PAYMENTS);
				ExecutorService clients = Executors.newFixedThreadPool(16)) {
			List<Future<?>> sent = new ArrayList<>();
			for (int d = 0; d < duplicates; d++) {
				for (String key : idempotencyKeys) {
					ApiClient replica = replicas[(key.hashCode() + d) & 1];
					sent.add(clients.submit(() -> {
						ApiClient.Response response = replica.post("/v1/payments", body,
								Map.of("Idempotency-Key", key));
						if (response.status() == 201) {
							paymentsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
								.add(response.text("id"));
						}
						else if (response.status() != 409) {
							unexpected.add(response.status());
						}
					}));
				}
			}
			for (Future<?> f : sent) {
				f.get();
			}
			// Every key, asked once more, answers its one payment.
			for (String key : idempotencyKeys) {
				ApiClient.Response settled = replicas[key.hashCode() & 1].post("/v1/payments", body,
						Map.of("Idempotency-Key", key));
				assertThat(settled.status()).isEqualTo(201);
				paymentsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(settled.text("id"));
			}
			assertThat(unexpected).isEmpty();
			assertThat(paymentsByKey).hasSize(keys);
			assertThat(paymentsByKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
			Set<String> paymentIds = paymentsByKey.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
			assertThat(paymentIds).hasSize(keys);
			assertThat(paymentIds).allSatisfy(id -> assertThat(PlatformStubs.get().authorizationsFor(id)).hasSize(1));
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(events.events("payment.succeeded")
					.stream()
					.filter(e -> user.equals(e.data().path("payment").path("user").asString("")))
					.count()).isEqualTo(keys));
		}
	}

}
