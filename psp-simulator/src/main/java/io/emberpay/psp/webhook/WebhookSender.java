package io.emberpay.psp.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.emberpay.psp.Acquirer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Tells the platform what became of an authorization after its answer (a 3-D Secure
 * challenge, a bank debit settled, failed or returned): a signed POST to
 * {@code {url}/{psp}} with {@code Simulator-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">}. Retried with growing pauses until a 2xx (the same event id each time),
 * on a virtual thread so the acquirer's own answer never waits for the platform.
 */
@Component
public class WebhookSender {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private static final int ATTEMPTS = 8;

	private final WebhookProperties properties;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	public WebhookSender(WebhookProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Sends the event in the background; answers its id. */
	public String send(Acquirer acquirer, String type, Object object) {
		String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
		if (this.properties.url().isBlank()) {
			return id;
		}
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", id);
		event.put("type", type);
		event.put("created", this.clock.instant().toString());
		event.put("livemode", false);
		event.put("data", Map.of("object", object));
		byte[] body = JSON.writeValueAsBytes(event);
		Thread.ofVirtual().name("webhook-" + id).start(() -> deliver(acquirer, id, type, body));
		return id;
	}

	private void deliver(Acquirer acquirer, String id, String type, byte[] body) {
		URI target = URI.create(this.properties.url() + "/" + acquirer.pathName());
		Duration pause = Duration.ofMillis(200);
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				long timestamp = this.clock.instant().getEpochSecond();
				HttpRequest request = HttpRequest.newBuilder(target)
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.header("Simulator-Signature", signature(this.properties.secret(), timestamp, body))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build();
				int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status >= 200 && status < 300) {
					log.info("Webhook {} {} delivered to {} (attempt {})", id, type, target, attempt);
					return;
				}
				log.warn("Webhook {} {} answered {} by {} (attempt {})", id, type, status, target, attempt);
			}
			catch (java.io.IOException ex) {
				log.warn("Webhook {} {} not delivered to {} (attempt {}): {}", id, type, target, attempt,
						ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			pause = pause.multipliedBy(2);
		}
		log.warn("Webhook {} {} given up after {} attempts", id, type, ATTEMPTS);
	}

	/** {@code t=<unix>,v1=<hex>}: the scheme the platform verifies. */
	public static String signature(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing", ex);
		}
	}

}
