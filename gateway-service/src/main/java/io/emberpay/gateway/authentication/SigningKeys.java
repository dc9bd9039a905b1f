package io.emberpay.gateway.authentication;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.emberpay.gateway.config.SecurityProperties;
import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.GatewayProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * auth-service's published signing keys, kept in memory and fetched again when they get
 * old or a token names a key we do not know (a rotation). Forged tokens with random
 * {@code kid}s cannot make the gateway hammer auth-service: an unknown key triggers at
 * most one fetch per {@code jwks-min-refetch-interval}.
 */
class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final WebClient http;

	private final SecurityProperties properties;

	private final Clock clock;

	private volatile Snapshot current = new Snapshot(new JWKSet(), Instant.EPOCH);

	private volatile Mono<Snapshot> inFlight;

	SigningKeys(WebClient http, SecurityProperties properties, Clock clock) {
		this.http = http;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Fetches the keys ahead of the first request; a failure is logged and retried on
	 * demand.
	 */
	void prefetch() {
		refresh(this.current).subscribe(keys -> {
		}, ex -> {
		});
	}

	/** The published keys that could have signed {@code jwt}. */
	Flux<JWK> candidates(SignedJWT jwt) {
		Snapshot snapshot = this.current;
		Instant now = this.clock.instant();
		List<JWK> keys = select(snapshot.keys(), jwt);
		boolean stale = snapshot.fetchedAt().plus(this.properties.jwksRefresh()).isBefore(now);
		boolean mayRefetch = snapshot.fetchedAt().plus(this.properties.jwksMinRefetchInterval()).isBefore(now);
		if ((keys.isEmpty() && mayRefetch) || stale) {
			return refresh(snapshot).map(fresh -> select(fresh.keys(), jwt)).flatMapMany(Flux::fromIterable);
		}
		return Flux.fromIterable(keys);
	}

	private static List<JWK> select(JWKSet keys, SignedJWT jwt) {
		return new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())).select(keys);
	}

	private synchronized Mono<Snapshot> refresh(Snapshot seen) {
		if (this.current != seen) {
			return Mono.just(this.current);
		}
		if (this.inFlight == null) {
			this.inFlight = fetch(seen).doFinally(signal -> clearInFlight()).cache();
		}
		return this.inFlight;
	}

	private synchronized void clearInFlight() {
		this.inFlight = null;
	}

	private Mono<Snapshot> fetch(Snapshot previous) {
		return this.http.get()
			.uri(this.properties.jwksUri())
			.retrieve()
			.bodyToMono(String.class)
			.timeout(this.properties.verifyTimeout())
			.map(this::parse)
			.doOnNext(fresh -> {
				log.info("Fetched {} signing keys from {}", fresh.keys().size(), this.properties.jwksUri());
				this.current = fresh;
			})
			.onErrorResume(ex -> {
				log.warn("Could not fetch the JWKS from {}: {}", this.properties.jwksUri(), ex.toString());
				if (previous.keys().isEmpty()) {
					return Mono.error(new GatewayProblem(GatewayError.SERVICE_UNAVAILABLE,
							"Token verification is temporarily unavailable", Duration.ofSeconds(5), HttpHeaders.EMPTY));
				}
				// keep verifying with the keys we have, and wait a full interval before
				// asking again
				Snapshot kept = new Snapshot(previous.keys(), this.clock.instant());
				this.current = kept;
				return Mono.just(kept);
			});
	}

	private Snapshot parse(String body) {
		try {
			return new Snapshot(JWKSet.parse(body), this.clock.instant());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("auth-service published an unreadable JWKS", ex);
		}
	}

	private record Snapshot(JWKSet keys, Instant fetchedAt) {
	}

}
