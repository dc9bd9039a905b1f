package io.emberpay.notification.webhook.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.emberpay.events.ResourceIds;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.webhook.endpoint.SecretCipher;
import io.emberpay.notification.webhook.signing.WebhookSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas claiming at the same moment: each delivery goes to one of them, and no
 * endpoint gets more than its in-flight limit across both. The deliveries are due far in
 * the future so the context's own dispatcher leaves them to this test (which may lease
 * other tests' due deliveries meanwhile: they are retried when the lease ends).
 */
@NotificationTest
class DeliveryClaimTests {

	private static final Instant FAR_FUTURE = Instant.now().plus(Duration.ofDays(3650));

	@Autowired
	DeliveryStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretCipher cipher;

	@Value("${emberpay.notification.webhooks.max-in-flight-per-endpoint}")
	int perEndpoint;

	private final List<String> endpoints = new ArrayList<>();

	@AfterEach
	void cancelLeftovers() {
		this.jdbc.sql("update webhook_delivery set state = 'canceled' where endpoint_id = any(?)")
			.param(this.endpoints.toArray(String[]::new))
			.update();
	}

	@Test
	void concurrentReplicasNeverClaimTheSameDeliveryNorExceedAnEndpointsLimit() throws Exception {
		String merchant = ResourceIds.next("mer");
		for (int e = 0; e < 5; e++) {
			String endpoint = endpoint(merchant);
			for (int d = 0; d < 10; d++) {
				delivery(merchant, endpoint);
			}
		}
		CyclicBarrier start = new CyclicBarrier(4);
		Callable<List<ClaimedDelivery>> replica = () -> {
			start.await();
			return ours(this.store.claim(FAR_FUTURE.plusSeconds(1), 100));
		};
		List<ClaimedDelivery> claimed = new ArrayList<>();
		try (ExecutorService replicas = Executors.newFixedThreadPool(4)) {
			List<Future<List<ClaimedDelivery>>> rounds = new ArrayList<>();
			for (int r = 0; r < 4; r++) {
				rounds.add(replicas.submit(replica));
			}
			for (Future<List<ClaimedDelivery>> round : rounds) {
				claimed.addAll(round.get());
			}
		}

		Set<Long> unique = new HashSet<>();
		claimed.forEach(delivery -> assertThat(unique.add(delivery.id())).as("claimed twice").isTrue());
		for (String endpoint : this.endpoints) {
			assertThat(claimed).filteredOn(d -> d.endpointId().equals(endpoint))
				.hasSizeLessThanOrEqualTo(this.perEndpoint);
		}
		// every slot is now taken until the attempts finish
		claimed.addAll(ours(this.store.claim(FAR_FUTURE.plusSeconds(1), 100)));
		assertThat(claimed).hasSize(this.endpoints.size() * this.perEndpoint);
		assertThat(ours(this.store.claim(FAR_FUTURE.plusSeconds(1), 100))).isEmpty();
	}

	@Test
	void aFinishedAttemptFreesItsSlotAndSchedulesTheRetry() {
		String merchant = ResourceIds.next("mer");
		String endpoint = endpoint(merchant);
		delivery(merchant, endpoint);
		delivery(merchant, endpoint);
		List<ClaimedDelivery> first = ours(this.store.claim(FAR_FUTURE.plusSeconds(1), 100));
		assertThat(first).hasSize(this.perEndpoint);

		this.store.record(first.get(0), FAR_FUTURE.plusSeconds(1), 503, 12, "HTTP 503");
		List<ClaimedDelivery> next = this.store.claim(FAR_FUTURE.plusSeconds(2), 100);
		assertThat(next).extracting(ClaimedDelivery::id).doesNotContain(first.get(0).id());
		assertThat(this.jdbc.sql("select next_attempt_at from webhook_delivery where id = ?")
			.param(first.get(0).id())
			.query(Timestamp.class)
			.single()
			.toInstant()).isAfter(FAR_FUTURE.plusSeconds(5));
	}

	/**
	 * Other tests' pending deliveries are due too; only this test's endpoints count here.
	 */
	private List<ClaimedDelivery> ours(List<ClaimedDelivery> claimed) {
		return claimed.stream().filter(delivery -> this.endpoints.contains(delivery.endpointId())).toList();
	}

	private String endpoint(String merchant) {
		String id = ResourceIds.next("we");
		this.jdbc.sql("""
				insert into webhook_endpoint (id, merchant, url, events, status, livemode, secret_ciphertext,
				    created_at, updated_at)
				values (?, ?, 'https://hooks.example.com/x', ?, 'enabled', false, ?, now(), now())""")
			.params(id, merchant, new String[] { "*" }, this.cipher.encrypt(id, WebhookSecret.generate()))
			.update();
		this.endpoints.add(id);
		return id;
	}

	private void delivery(String merchant, String endpoint) {
		String event = ResourceIds.event();
		this.jdbc.sql("""
				insert into webhook_event (id, merchant, type, created_at, received_at, body)
				values (?, ?, 'payment.succeeded', now(), now(), '{}')""").params(event, merchant).update();
		this.jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, state, next_attempt_at, created_at)
				values (?, ?, 'pending', ?, now())""").params(event, endpoint, Timestamp.from(FAR_FUTURE)).update();
	}

}
