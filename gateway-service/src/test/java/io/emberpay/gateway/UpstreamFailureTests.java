package io.emberpay.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that is down, slow or failing never leaves a client hanging. */
class UpstreamFailureTests extends GatewayTestSupport {

	static {
		LEDGER.answer("/v1/ledger/slow", exchange -> {
			LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
			return StubService.Answer.json(200, "{}");
		});
		NOTIFICATION.answer("/v1/events/evt_flaky", exchange -> StubService.Answer.problem(502, "bad_gateway"));
		NOTIFICATION.answer("/v1/events/evt_flaky/redeliver",
				exchange -> StubService.Answer.problem(502, "bad_gateway"));
		NOTIFICATION.answer("/v1/events/evt_busy", exchange -> StubService.Answer.problem(503, "service_unavailable"));
	}

	@Test
	void answersAProblemWithRetryAfterWhenTheServiceIsDown() {
		long started = System.nanoTime();

		ApiClient.Response response = freshUser().get("/v1/fraud/reviews");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.text("code")).isEqualTo("service_unavailable");
		assertThat(response.text("request_id")).isEqualTo(response.header("X-Request-Id"));
		assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
	}

	@Test
	void answersAProblemWhenTheServiceIsSlowerThanItsTimeout() {
		long started = System.nanoTime();

		ApiClient.Response response = freshUser().get("/v1/ledger/slow");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.text("code")).isEqualTo("service_unavailable");
		assertThat(response.header("Retry-After")).isNotBlank();
	}

	@Test
	void retriesAnIdempotentGetButNeverAPost() {
		ApiClient user = freshUser();
		int getsBefore = NOTIFICATION.hits("/v1/events/evt_flaky");
		int postsBefore = NOTIFICATION.hits("/v1/events/evt_flaky/redeliver");

		ApiClient.Response get = user.get("/v1/events/evt_flaky");
		ApiClient.Response post = user.post("/v1/events/evt_flaky/redeliver", Map.of());

		assertThat(get.status()).isEqualTo(502);
		assertThat(NOTIFICATION.hits("/v1/events/evt_flaky") - getsBefore).isEqualTo(3);
		assertThat(post.status()).isEqualTo(502);
		assertThat(NOTIFICATION.hits("/v1/events/evt_flaky/redeliver") - postsBefore).isEqualTo(1);
	}

	@Test
	void neverRetriesAServiceThatSaysItIsAtCapacity() {
		int before = NOTIFICATION.hits("/v1/events/evt_busy");

		ApiClient.Response get = freshUser().get("/v1/events/evt_busy");

		assertThat(get.status()).isEqualTo(503);
		assertThat(NOTIFICATION.hits("/v1/events/evt_busy") - before).isEqualTo(1);
	}

	@Test
	void refusesClientsThatAskForTheFallbackDirectly() {
		ApiClient.Response response = freshUser().get("/gateway/fallback");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.text("code")).isEqualTo("not_found");
	}

}
