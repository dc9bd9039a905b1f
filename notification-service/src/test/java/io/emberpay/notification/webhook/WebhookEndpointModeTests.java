package io.emberpay.notification.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.CloudEvent;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.support.PlatformEvents;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finding 2 of issue 21: a merchant's test key never reads or changes its live webhook
 * endpoints (404, as for someone else's), and its live key never its test ones.
 */
@NotificationTest
@Tag("security")
class WebhookEndpointModeTests {

	@Value("${local.server.port}")
	int port;

	private ApiClient merchant(String id, boolean livemode) {
		return new ApiClient("http://localhost:" + this.port).withToken(
				TestTokens.get().sign(id, List.of("merchant"), List.of("api_key"), livemode, Duration.ofMinutes(5)));
	}

	@Test
	void aTestKeyNeverReadsOrChangesALiveEndpoint() {
		String merchant = ResourceIds.next("mer");
		ApiClient live = merchant(merchant, true);
		ApiClient test = merchant(merchant, false);
		ApiClient.Response created = live.post("/v1/webhook_endpoints",
				Map.of("url", "http://127.0.0.1:9/live", "events", List.of("payment.succeeded")));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("livemode").asBoolean()).isTrue();
		String path = "/v1/webhook_endpoints/" + created.text("id");

		assertThat(test.get(path).status()).isEqualTo(404);
		assertThat(test.post(path, Map.of("url", "http://127.0.0.1:9/attacker")).status()).isEqualTo(404);
		assertThat(test.post(path + "/rotate_secret", null).status()).isEqualTo(404);
		assertThat(test.get(path + "/attempts").status()).isEqualTo(404);
		assertThat(test.delete(path).status()).isEqualTo(404);
		assertThat(test.get("/v1/webhook_endpoints").body()).doesNotContain(created.text("id"));

		ApiClient.Response untouched = live.get(path);
		assertThat(untouched.status()).isEqualTo(200);
		assertThat(untouched.text("url")).isEqualTo("http://127.0.0.1:9/live");
		assertThat(live.get("/v1/webhook_endpoints").body()).contains(created.text("id"));
	}

	@Test
	void aTestKeyNeverReadsListsOrRedeliversALiveEvent() {
		String merchant = ResourceIds.next("mer");
		ApiClient live = merchant(merchant, true);
		ApiClient test = merchant(merchant, false);
		CloudEvent event;
		try (PlatformEvents events = new PlatformEvents()) {
			event = events
				.publishPayment(PlatformEvents.succeeded(PlatformEvents.payment(merchant, null, 1999, "USD", true)));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> live.get("/v1/events/" + event.id()).status() == 200);

		assertThat(test.get("/v1/events/" + event.id()).status()).isEqualTo(404);
		assertThat(test.post("/v1/events/" + event.id() + "/redeliver", null).status()).isEqualTo(404);
		assertThat(test.get("/v1/events").body()).doesNotContain(event.id());
		assertThat(live.get("/v1/events").body()).contains(event.id());
	}

	@Test
	void aLiveKeyNeverSeesATestEndpoint() {
		String merchant = ResourceIds.next("mer");
		ApiClient test = merchant(merchant, false);
		String id = test.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/test", "events", List.of("*")))
			.text("id");

		assertThat(merchant(merchant, true).get("/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
		assertThat(test.get("/v1/webhook_endpoints/" + id).status()).isEqualTo(200);
	}

}
