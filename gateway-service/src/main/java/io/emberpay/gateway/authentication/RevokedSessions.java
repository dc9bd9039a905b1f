package io.emberpay.gateway.authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sessions ended by logout, password change or refresh-token reuse (and merchant team
 * grants ended by a member's removal or role change, in the same feed), learnt from
 * auth-service's feed every {@code pollInterval}: their access tokens are refused at the
 * edge within that interval instead of living on until they expire (up to 15 minutes).
 * Each is remembered as long as one of its tokens can live. A feed that cannot be read is
 * retried at the next tick; meanwhile tokens expire as before.
 */
class RevokedSessions {

	private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);

	/** Longest access token life (the contract's cap) plus clock skew. */
	private static final Duration REMEMBER = Duration.ofMinutes(16);

	/** Asked again each time: a revocation may commit after a later one was read. */
	private static final Duration OVERLAP = Duration.ofSeconds(30);

	/** auth-service answers at most this many rows at once. */
	private static final int FEED_PAGE = 1000;

	private final WebClient auth;

	private final Duration pollInterval;

	private final Duration timeout;

	private final Clock clock;

	private final Cache<String, Boolean> revoked = Caffeine.newBuilder().expireAfterWrite(REMEMBER).build();

	private volatile Instant readUntil;

	RevokedSessions(WebClient auth, Duration pollInterval, Duration timeout, Clock clock) {
		this.auth = auth;
		this.pollInterval = pollInterval;
		this.timeout = timeout;
		this.clock = clock;
		this.readUntil = clock.instant().minus(REMEMBER);
	}

	boolean contains(String sessionId) {
		return sessionId != null && this.revoked.getIfPresent(sessionId) != null;
	}

	/** Polls until the returned handle is disposed. */
	Disposable start() {
		// ticks that come while a poll is under way are dropped: Flux.interval fails (and
		// polling would stop for good) when its ticks pile up behind a slow auth-service
		return Flux.interval(Duration.ZERO, this.pollInterval)
			.onBackpressureDrop()
			.concatMap(tick -> poll(), 1)
			.subscribe();
	}

	Mono<Void> poll() {
		Instant asked = this.clock.instant();
		Instant since = this.readUntil.minus(OVERLAP);
		return this.auth.get()
			.uri(uri -> uri.path("/internal/v1/sessions/revoked").queryParam("since", since.toString()).build())
			.retrieve()
			.bodyToMono(Feed.class)
			.timeout(this.timeout)
			.doOnNext(feed -> learn(feed, asked))
			.then()
			.onErrorResume(ex -> {
				log.warn("Could not read revoked sessions from auth-service: {}", ex.toString());
				return Mono.empty();
			});
	}

	private void learn(Feed feed, Instant asked) {
		List<Revoked> sessions = (feed.data() != null) ? feed.data() : List.of();
		Instant latest = this.readUntil;
		for (Revoked session : sessions) {
			this.revoked.put(session.session(), Boolean.TRUE);
			if (session.revokedAt() != null && session.revokedAt().isAfter(latest)) {
				latest = session.revokedAt();
			}
		}
		// a short page holds everything up to the question; a full one continues from its
		// last row
		this.readUntil = (sessions.size() < FEED_PAGE) ? asked : latest;
	}

	private record Feed(List<Revoked> data) {
	}

	private record Revoked(String session, @JsonProperty("revoked_at") Instant revokedAt) {
	}

}
