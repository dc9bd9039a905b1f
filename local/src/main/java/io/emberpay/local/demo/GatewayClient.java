package io.emberpay.local.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the gateway as a mobile app or a merchant server would: JSON, bearer
 * credentials.
 */
public final class GatewayClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_ATTEMPTS = 10;

	private static final long MAX_RETRY_AFTER_SECONDS = 5;

	/**
	 * Who is shown every exchange of every client: the end-to-end tests check the whole
	 * traffic against the committed OpenAPI document.
	 */
	private static final List<Consumer<Exchange>> OBSERVERS = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String gatewayUrl;

	public GatewayClient(String gatewayUrl) {
		this.gatewayUrl = gatewayUrl;
	}

	/** Shows {@code observer} every exchange of every client from now on. */
	public static void observeAll(Consumer<Exchange> observer) {
		OBSERVERS.add(observer);
	}

	public Reply get(String path, String bearer) {
		return send("GET", path, null, bearer, null);
	}

	public Reply post(String path, Object body, String bearer) {
		return send("POST", path, body, bearer, null);
	}

	/** A money-moving POST: carries a fresh Idempotency-Key. */
	public Reply postOnce(String path, Object body, String bearer) {
		return send("POST", path, body, bearer, UUID.randomUUID().toString());
	}

	public Reply send(String method, String path, Object body, String bearer, String idempotencyKey) {
		return sendRaw(method, path, (body == null) ? null : JSON.writeValueAsString(body), bearer, idempotencyKey);
	}

	/**
	 * Sends {@code json} exactly as given, so tests can send malformed bodies. A refusal
	 * with {@code Retry-After} (503 at capacity, 429 rate limited: nothing was done) is
	 * sent again after the delay, with the same Idempotency-Key, as a well-behaved app
	 * does; a freshly started platform sheds its first payments while it warms up.
	 */
	public Reply sendRaw(String method, String path, String json, String bearer, String idempotencyKey) {
		Reply reply = sendOnce(method, path, json, bearer, idempotencyKey);
		for (int attempt = 1; attempt < MAX_ATTEMPTS && reply.retryAfter() != null; attempt++) {
			try {
				Thread.sleep(Duration.ofSeconds(Math.min(reply.retryAfter(), MAX_RETRY_AFTER_SECONDS)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return reply;
			}
			reply = sendOnce(method, path, json, bearer, idempotencyKey);
		}
		return reply;
	}

	private Reply sendOnce(String method, String path, String json, String bearer, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gatewayUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		try {
			HttpRequest sent = request.build();
			HttpResponse<String> response = this.http.send(sent, HttpResponse.BodyHandlers.ofString());
			if (!OBSERVERS.isEmpty()) {
				Exchange exchange = new Exchange(method, path, sent.headers().map(), json, response.statusCode(),
						response.headers().map(), response.body());
				OBSERVERS.forEach(observer -> observer.accept(exchange));
			}
			boolean refused = response.statusCode() == 503 || response.statusCode() == 429;
			Long retryAfter = refused ? response.headers()
				.firstValue("Retry-After")
				.filter(value -> value.chars().allMatch(Character::isDigit))
				.map(Long::valueOf)
				.orElse(null) : null;
			return new Reply(response.statusCode(), response.body(),
					response.headers().firstValue("X-Request-Id").orElse(null), retryAfter);
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One request as sent and the gateway's answer as received. */
	public record Exchange(String method, String pathAndQuery, Map<String, List<String>> requestHeaders,
			String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody) {

	}

	/**
	 * A gateway answer; {@code retryAfter} is the delay in seconds a refusal (503, 429)
	 * asked for, else null.
	 */
	public record Reply(int status, String body, String requestId, Long retryAfter) {

		public JsonNode json() {
			return (this.body == null || this.body.isBlank()) ? JSON.nullNode() : JSON.readTree(this.body);
		}

		public String text(String field) {
			JsonNode node = json().path(field);
			return node.isMissingNode() || node.isNull() ? null : node.asString();
		}

		/**
		 * This reply, or an exception naming the step when the status is not the expected
		 * one.
		 */
		public Reply expect(int expected, String step) {
			if (this.status != expected) {
				throw new IllegalStateException(step + ": expected HTTP " + expected + " but got " + this.status
						+ " (request " + this.requestId + "): " + this.body);
			}
			return this;
		}

	}

}
