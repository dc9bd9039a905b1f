package io.emberpay.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.emberpay.local.process.ServiceSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What ops rely on, checked on the running platform: every service exports its metrics to
 * Prometheus, and one payment is one trace, whose id shows up in the logs of every
 * service it touched, across HTTP hops and Kafka.
 */
class PlatformObservabilityTests {

	private static RunningPlatform platform;

	private static PlatformFixture fixture;

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = RunningPlatform.get();
		fixture = PlatformFixture.create(platform.gatewayUrl());
	}

	@Test
	void traceIdSetAtTheGatewayAppearsInEveryServiceThePaymentTouched() throws Exception {
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
		HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/payments"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + fixture.accessToken())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.header("traceparent", traceparent)
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"amount": 2500, "currency": "USD", "merchant": "%s", "payment_method": "%s",
					 "capture_method": "automatic", "device_id": "trace-phone"}""".formatted(fixture.merchantId(),
					fixture.paymentMethod())))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

		for (String service : List.of("gateway", "payment", "fraud", "ledger", "notification")) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(Files.readString(platform.logs().resolve(service + ".log")))
					.as("%s log mentions trace %s", service, traceId)
					.contains(traceId));
		}
	}

	@Test
	void everyServiceExportsPlatformMetricsToPrometheus() throws Exception {
		fixture.gateway()
			.postOnce("/v1/payments",
					Map.of("amount", 1200, "currency", "USD", "merchant", fixture.merchantId(), "payment_method",
							fixture.paymentMethod(), "capture_method", "automatic"),
					fixture.accessToken())
			.expect(201, "payment");
		// No webhook endpoint is registered here, so only the backlog gauge is certain
		// to exist in notification-service; the ledger posts the payment from Kafka, so
		// its counter may appear a moment after the payment returns.
		Map<String, List<String>> expected = Map.of("auth", List.of("outbox_backlog", "http_server_requests_seconds"),
				"payment",
				List.of("outbox_backlog", "outbox_oldest_age_seconds", "http_server_requests_seconds",
						"emberpay_payments_total", "emberpay_psp_authorization_seconds"),
				"fraud", List.of("kafka_consumer_fetch_manager_records_lag_max", "fraud_decisions_total"), "ledger",
				List.of("kafka_consumer_fetch_manager_records_lag_max", "emberpay_ledger_postings_total"),
				"notification", List.of("kafka_consumer_fetch_manager_records_lag_max", "emberpay_webhook_backlog"));
		HttpClient http = HttpClient.newHttpClient();
		for (var entry : expected.entrySet()) {
			ServiceSpec service = platform.topology().service(entry.getKey());
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				String metrics = http
					.send(HttpRequest.newBuilder(URI.create(service.url() + "/actuator/prometheus")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
				assertThat(metrics).as("%s metrics", service.name()).contains(entry.getValue());
			});
		}
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
