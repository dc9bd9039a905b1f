package io.emberpay.notification.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.support.PlatformEvents;
import io.emberpay.notification.support.StandardWebhooksVerifier;
import io.emberpay.notification.support.TestClock;
import io.emberpay.notification.support.WebhookReceiver;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery is shaped in the API version its endpoint was registered in, as the gateway
 * shapes answers: the same payment reaches an endpoint of 2026-12-01 with {@code fraud}
 * and one of 2026-12-07 with {@code risk} (docs/changelog.md), each signed over the bytes
 * it received.
 */
@NotificationTest
class WebhookPayloadVersionTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	TestClock clock;

	private final PlatformEvents events = new PlatformEvents();

	private final WebhookReceiver old = new WebhookReceiver();

	private final WebhookReceiver current = new WebhookReceiver();

	@AfterEach
	void close() {
		this.old.close();
		this.current.close();
		this.events.close();
	}

	@Test
	void eachEndpointReceivesThePaymentInTheShapeOfItsVersion() {
		String merchant = ResourceIds.next("mer");
		String oldSecret = register(merchant, this.old, "2026-12-01");
		String currentSecret = register(merchant, this.current, "2026-12-07");

		this.events.publishPayment(PlatformEvents.succeeded(PlatformEvents.payment(merchant, null, 1999, "USD")));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.old.acknowledged().size() == 1 && this.current.acknowledged().size() == 1);
		JsonNode inOld = payment(this.old.received().get(0), oldSecret);
		JsonNode inCurrent = payment(this.current.received().get(0), currentSecret);
		assertThat(inOld.path("fraud").path("score").asInt()).isEqualTo(3);
		assertThat(inOld.has("risk")).isFalse();
		assertThat(inCurrent.path("risk").path("score").asInt()).isEqualTo(3);
		assertThat(inCurrent.has("fraud")).isFalse();
		assertThat(inCurrent.path("id").asString()).isEqualTo(inOld.path("id").asString());
	}

	@Test
	void aRegistrationThatNamesNoVersionGetsTheCurrentShape() {
		assertThat(WebhookPayloadVersions.pinnable(null)).isEqualTo(WebhookPayloadVersions.CURRENT);
		assertThat(WebhookPayloadVersions.pinnable("not a version")).isEqualTo(WebhookPayloadVersions.CURRENT);
		assertThat(WebhookPayloadVersions.pinnable("2026-12-01")).isEqualTo("2026-12-01");
	}

	private String register(String merchant, WebhookReceiver receiver, String version) {
		ApiClient.Response created = new ApiClient("http://localhost:" + this.port)
			.withToken(TestTokens.get().merchant(merchant))
			.post("/v1/webhook_endpoints", Map.of("url", receiver.url(), "events", List.of("payment.succeeded")),
					Map.of("Emberpay-Version", version));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("secret");
	}

	private JsonNode payment(WebhookReceiver.Received delivery, String secret) {
		assertThat(new StandardWebhooksVerifier(secret).verify(delivery.webhookId(),
				delivery.headers().get("webhook-timestamp"), delivery.headers().get("webhook-signature"),
				delivery.body(), this.clock.instant().getEpochSecond(), 300))
			.as("signed over the shaped body")
			.isTrue();
		return EventCodec.json().readTree(delivery.body()).path("data").path("object");
	}

}
