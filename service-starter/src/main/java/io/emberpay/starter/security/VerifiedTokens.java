package io.emberpay.starter.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that verifies each distinct token once and then answers from a
 * bounded cache until the sooner of the configured time to live and the token's own
 * {@code exp}. The same user token reaches several services per payment and a client
 * sends it many times; every one of those verified the ES256 signature again. Entries are
 * keyed by the token's SHA-256, so the cache holds no bearer credential, and only tokens
 * that passed every check are kept: a rejected token is verified (and rejected) each
 * time.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final Cache<String, Jwt> verified;

	private final Clock clock;

	VerifiedTokens(JwtDecoder verifier, Duration ttl, int size, Clock clock) {
		this.verifier = verifier;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(size)
			.expireAfter(Expiry.<String, Jwt>creating((key, jwt) -> lifetime(jwt, ttl)))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		String key = digest(token);
		Jwt cached = this.verified.getIfPresent(key);
		if (cached != null && (cached.getExpiresAt() == null || this.clock.instant().isBefore(cached.getExpiresAt()))) {
			return cached;
		}
		Jwt jwt = this.verifier.decode(token);
		this.verified.put(key, jwt);
		return jwt;
	}

	private Duration lifetime(Jwt jwt, Duration ttl) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return ttl;
		}
		Duration untilExpiry = Duration.between(this.clock.instant(), expiresAt);
		if (untilExpiry.isNegative()) {
			return Duration.ZERO;
		}
		return (untilExpiry.compareTo(ttl) < 0) ? untilExpiry : ttl;
	}

	private static String digest(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
