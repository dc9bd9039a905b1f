package io.emberpay.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's service tokens, one per called service, from auth-service with the
 * gateway's client secret. A token is reused until 80% of its life has passed, then
 * renewed in the background while it still serves; callers wait only when none is held.
 * Concurrent requests for a missing token share one fetch.
 */
public final class GatewayServiceTokens {

	private static final Logger log = LoggerFactory.getLogger(GatewayServiceTokens.class);

	/** Not sent this close to expiry: the receiver might already see it expired. */
	private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(15);

	private static final int MAX_AUDIENCES = 64;

	private final WebClient auth;

	private final GatewayIdentityProperties identity;

	private final Clock clock;

	private final Map<String, Held> held = new ConcurrentHashMap<>();

	private final Map<String, Mono<Held>> inFlight = new ConcurrentHashMap<>();

	public GatewayServiceTokens(WebClient auth, GatewayIdentityProperties identity, Clock clock) {
		this.auth = auth;
		this.identity = identity;
		this.clock = clock;
	}

	/** A token for calling {@code audience}; an error when none can be had. */
	public Mono<String> tokenFor(String audience) {
		Instant now = this.clock.instant();
		Held current = this.held.get(audience);
		if (current != null && now.isBefore(current.renewAt())) {
			return Mono.just(current.token());
		}
		if (current != null && now.isBefore(current.usableUntil())) {
			fetch(audience).subscribe(fresh -> {
			}, ex -> log.warn("Could not renew the service token for {}: {}", audience, ex.toString()));
			return Mono.just(current.token());
		}
		return fetch(audience).map(Held::token);
	}

	/** Adds the gateway's token for {@code audience} to every call of a WebClient. */
	public ExchangeFilterFunction bearerFor(String audience) {
		return (request, next) -> tokenFor(audience)
			.flatMap(token -> next.exchange(ClientRequest.from(request).headers(h -> h.setBearerAuth(token)).build()));
	}

	private Mono<Held> fetch(String audience) {
		if (!this.inFlight.containsKey(audience) && this.held.size() >= MAX_AUDIENCES) {
			return Mono.error(new IllegalStateException("too many audiences: " + audience));
		}
		return this.inFlight.computeIfAbsent(audience,
				a -> request(a).doOnNext(fresh -> this.held.put(a, fresh))
					.doFinally(signal -> this.inFlight.remove(a))
					.cache());
	}

	private Mono<Held> request(String audience) {
		String credentials = this.identity.name() + ":" + this.identity.clientSecret();
		Instant asked = this.clock.instant();
		return this.auth.post()
			.uri(this.identity.tokenUri())
			.header(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("audience", audience))
			.retrieve()
			.bodyToMono(Issued.class)
			.timeout(this.identity.fetchTimeout())
			.flatMap(issued -> {
				if (issued.accessToken() == null || issued.expiresIn() <= EXPIRY_MARGIN.toSeconds()) {
					return Mono.error(new IllegalStateException("auth-service answered an unusable service token"));
				}
				Duration life = Duration.ofSeconds(issued.expiresIn());
				return Mono.just(new Held(issued.accessToken(), asked.plus(life.multipliedBy(8).dividedBy(10)),
						asked.plus(life).minus(EXPIRY_MARGIN)));
			});
	}

	private record Held(String token, Instant renewAt, Instant usableUntil) {
	}

	record Issued(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
	}

}
