package io.emberpay.gateway;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route at its concurrency limit refuses the next request at the edge with a 503
 * problem and {@code Retry-After}; the service never sees it, and once the requests under
 * way finish the route admits again.
 */
class AdmissionTests extends GatewayTestSupport {

	private static volatile CountDownLatch release = new CountDownLatch(1);

	private static final CountDownLatch bothArrived = new CountDownLatch(2);

	static {
		NOTIFICATION.answer("/v1/events/evt_held", exchange -> {
			bothArrived.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return StubService.Answer.json(200, "{\"id\":\"evt_held\"}");
		});
	}

	@Test
	void aRouteAtItsLimitRefusesAtTheEdgeWithRetryAfter() throws Exception {
		ApiClient user = freshUser();
		ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
		Future<ApiClient.Response> first = callers.submit(() -> user.get("/v1/events/evt_held"));
		Future<ApiClient.Response> second = callers.submit(() -> user.get("/v1/events/evt_held"));
		assertThat(bothArrived.await(10, TimeUnit.SECONDS)).isTrue();
		int hitsWhileFull = NOTIFICATION.hits("/v1/events/evt_held");

		long started = System.nanoTime();
		ApiClient.Response refused = user.get("/v1/events/evt_held");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(refused.text("code")).isEqualTo("service_unavailable");
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(refused.text("request_id")).isEqualTo(refused.header("X-Request-Id"));
		assertThat(NOTIFICATION.hits("/v1/events/evt_held")).isEqualTo(hitsWhileFull);
		// other routes are not affected by this one being full
		assertThat(user.get("/v1/balance").status()).isNotEqualTo(503);

		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(user.get("/v1/events/evt_held").status()).isEqualTo(200);
		callers.shutdown();
	}

}
