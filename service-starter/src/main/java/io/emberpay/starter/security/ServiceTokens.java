package io.emberpay.starter.security;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service's tokens for calling the others: one per audience, fetched from
 * auth-service with the service's client secret, reused until 80% of its life has passed,
 * then renewed in the background while the held one still serves, so a call waits for
 * auth-service only when no valid token is held (the first call, or after an outage
 * longer than a token's life).
 */
public final class ServiceTokens {

	private static final Logger log = LoggerFactory.getLogger(ServiceTokens.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A token is not sent this close to its expiry: the receiver might see it expired.
	 */
	private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(15);

	private static final int MAX_AUDIENCES = 64;

	private final ServiceIdentityProperties identity;

	private final HttpClient http;

	private final Clock clock;

	private final Map<String, Held> held = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> fetching = new ConcurrentHashMap<>();

	public ServiceTokens(ServiceIdentityProperties identity, Clock clock) {
		this.identity = identity;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(identity.fetchTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** The name this service calls others under. */
	public String serviceName() {
		return this.identity.name();
	}

	/**
	 * A valid token for calling {@code audience}; throws {@link Unavailable} when none is
	 * held and auth-service cannot issue one.
	 */
	public String tokenFor(String audience) {
		Instant now = this.clock.instant();
		Held current = this.held.get(audience);
		if (current != null && now.isBefore(current.renewAt())) {
			return current.token();
		}
		if (current != null && now.isBefore(current.usableUntil())) {
			renewInBackground(audience);
			return current.token();
		}
		return fetch(audience).token();
	}

	/** {@code Bearer <token>} for an {@code Authorization} header. */
	public String authorizationFor(String audience) {
		return "Bearer " + tokenFor(audience);
	}

	private void renewInBackground(String audience) {
		ReentrantLock lock = lockFor(audience);
		if (lock.isLocked()) {
			return;
		}
		Thread.ofVirtual().name("service-token-renewal").start(() -> {
			try {
				fetch(audience);
			}
			catch (Unavailable ex) {
				log.warn("Could not renew the service token for {}: {}", audience, ex.getMessage());
			}
		});
	}

	private Held fetch(String audience) {
		ReentrantLock lock = lockFor(audience);
		lock.lock();
		try {
			Held current = this.held.get(audience);
			if (current != null && this.clock.instant().isBefore(current.renewAt())) {
				return current;
			}
			Held fresh = request(audience);
			this.held.put(audience, fresh);
			return fresh;
		}
		finally {
			lock.unlock();
		}
	}

	private ReentrantLock lockFor(String audience) {
		if (!this.fetching.containsKey(audience) && this.fetching.size() >= MAX_AUDIENCES) {
			throw new IllegalStateException("more than " + MAX_AUDIENCES + " audiences asked for: " + audience);
		}
		return this.fetching.computeIfAbsent(audience, (a) -> new ReentrantLock());
	}

	private Held request(String audience) {
		String credentials = this.identity.name() + ":" + this.identity.clientSecret();
		HttpRequest request = HttpRequest.newBuilder(this.identity.tokenUri())
			.timeout(this.identity.fetchTimeout())
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("audience", audience))))
			.build();
		Instant asked = this.clock.instant();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new Unavailable("auth-service did not answer: " + ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unavailable("interrupted", ex);
		}
		if (response.statusCode() != 200) {
			throw new Unavailable("auth-service refused a token for " + audience + " with " + response.statusCode(),
					null);
		}
		JsonNode body = JSON.readTree(response.body());
		String token = body.path("access_token").asString(null);
		long expiresIn = body.path("expires_in").asLong(0);
		if (token == null || expiresIn <= EXPIRY_MARGIN.toSeconds()) {
			throw new Unavailable("auth-service answered an unusable service token", null);
		}
		Duration life = Duration.ofSeconds(expiresIn);
		return new Held(token, asked.plus(life.multipliedBy(8).dividedBy(10)), asked.plus(life).minus(EXPIRY_MARGIN));
	}

	private record Held(String token, Instant renewAt, Instant usableUntil) {
	}

	/** No token could be had for a call: the callee is as good as unreachable. */
	public static final class Unavailable extends RuntimeException {

		Unavailable(String message, Throwable cause) {
			super(message, cause, false, false);
		}

	}

}
