package io.emberpay.notification.webhook.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.notification.config.WebhookProperties;
import io.emberpay.notification.webhook.endpoint.SecretCipher;
import io.emberpay.notification.webhook.signing.WebhookSecret;
import io.emberpay.notification.webhook.signing.WebhookSignature;
import io.emberpay.notification.webhook.target.PinnedHttpClient;
import io.emberpay.notification.webhook.target.TargetRefused;
import io.emberpay.notification.webhook.target.WebhookTarget;
import io.emberpay.notification.webhook.target.WebhookTargetPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes one signed attempt of a claimed delivery: re-checks the target (DNS may have
 * changed since registration), signs with the endpoint's current secrets, POSTs to the
 * checked address and records the outcome. A 2xx within the timeout is the only success.
 */
@Component
class WebhookDeliverer {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

	private static final int MAX_ERROR_LENGTH = 500;

	private final WebhookTargetPolicy targets;

	private final PinnedHttpClient http;

	private final SecretCipher cipher;

	private final DeliveryStore deliveries;

	private final Clock clock;

	private final Duration timeout;

	private final MeterRegistry meters;

	WebhookDeliverer(WebhookTargetPolicy targets, PinnedHttpClient http, SecretCipher cipher, DeliveryStore deliveries,
			Clock clock, WebhookProperties properties, MeterRegistry meters) {
		this.targets = targets;
		this.http = http;
		this.cipher = cipher;
		this.deliveries = deliveries;
		this.clock = clock;
		this.timeout = properties.requestTimeout();
		this.meters = meters;
	}

	void deliver(ClaimedDelivery delivery) {
		Instant attemptedAt = this.clock.instant();
		long started = System.nanoTime();
		Integer statusCode = null;
		String error;
		AttemptExchange exchange = AttemptExchange.NONE;
		try {
			WebhookTarget target = this.targets.parse(delivery.url());
			InetAddress address = this.targets.resolve(target);
			List<WebhookSecret> secrets = signingSecrets(delivery, attemptedAt);
			long timestamp = attemptedAt.getEpochSecond();
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("webhook-id", delivery.eventId());
			headers.put("webhook-timestamp", Long.toString(timestamp));
			headers.put("webhook-signature",
					WebhookSignature.header(secrets, delivery.eventId(), timestamp, delivery.body()));
			exchange = AttemptExchange.of(headers, delivery.body(), null);
			PinnedHttpClient.Response response = this.http.post(target, address, headers,
					delivery.body().getBytes(StandardCharsets.UTF_8), this.timeout);
			statusCode = response.statusCode();
			exchange = AttemptExchange.of(headers, delivery.body(), response.bodyStart());
			error = describe(statusCode);
		}
		catch (TargetRefused refused) {
			error = "target refused: " + refused.getMessage();
		}
		catch (IOException ex) {
			error = "network error: " + ex.getMessage();
		}
		catch (RuntimeException ex) {
			log.error("Webhook delivery {} failed unexpectedly", delivery.id(), ex);
			error = "internal error: " + ex.getClass().getSimpleName();
		}
		long elapsedNanos = System.nanoTime() - started;
		Timer.builder("emberpay.webhook.attempt")
			.description("Webhook attempts by outcome, with their latency")
			.tag("outcome", (error == null) ? "acknowledged" : "failed")
			.publishPercentileHistogram()
			.register(this.meters)
			.record(Duration.ofNanos(elapsedNanos));
		this.deliveries.record(delivery, attemptedAt, statusCode, elapsedNanos / 1_000_000, truncate(error), exchange);
		// One count per attempt, like the attempt timer above, so the failure-ratio alert
		// sees every failed attempt (retries included) and not only exhausted deliveries.
		// Counted after record() returned, that is once the attempt is committed.
		Counter.builder("emberpay.webhook.deliveries")
			.description("Webhook delivery attempts by result")
			.tag("outcome", (error == null) ? "succeeded" : "failed")
			.register(this.meters)
			.increment();
	}

	/** The current secret, plus the previous one while its rotation overlap lasts. */
	private List<WebhookSecret> signingSecrets(ClaimedDelivery delivery, Instant now) {
		WebhookSecret current = this.cipher.decrypt(delivery.endpointId(), delivery.secret());
		if (delivery.previousSecret() != null && delivery.previousSecretUntil() != null
				&& delivery.previousSecretUntil().isAfter(now)) {
			return List.of(current, this.cipher.decrypt(delivery.endpointId(), delivery.previousSecret()));
		}
		return List.of(current);
	}

	private static String describe(int statusCode) {
		if (statusCode >= 200 && statusCode < 300) {
			return null;
		}
		if (statusCode >= 300 && statusCode < 400) {
			return "HTTP " + statusCode + ": redirects are not followed; register the final URL";
		}
		return "HTTP " + statusCode;
	}

	private static String truncate(String error) {
		return (error == null || error.length() <= MAX_ERROR_LENGTH) ? error : error.substring(0, MAX_ERROR_LENGTH);
	}

}
