package io.emberpay.starter.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	private final MutableClock clock = new MutableClock(NOW);

	private Instant tokenExpiry = NOW.plusSeconds(900);

	private final JwtDecoder verifier = token -> {
		this.verifications.incrementAndGet();
		if (token.startsWith("forged")) {
			throw new BadJwtException("bad signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "ES256")
			.subject("usr_1")
			.issuedAt(NOW.minusSeconds(1))
			.expiresAt(this.tokenExpiry)
			.build();
	};

	@Test
	void aTokenIsVerifiedOnceWithinTheTimeToLive() {
		VerifiedTokens tokens = new VerifiedTokens(this.verifier, Duration.ofSeconds(30), 100, this.clock);
		tokens.decode("token-a");
		tokens.decode("token-a");
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(tokens.decode("token-a").getSubject()).isEqualTo("usr_1");
		assertThat(this.verifications).hasValue(1);
		tokens.decode("token-b");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRejectedTokenIsNeverCachedAndIsRejectedEveryTime() {
		VerifiedTokens tokens = new VerifiedTokens(this.verifier, Duration.ofSeconds(30), 100, this.clock);
		assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aCachedTokenIsNeverAnsweredPastItsExpiry() {
		this.tokenExpiry = NOW.plusSeconds(10);
		VerifiedTokens tokens = new VerifiedTokens(this.verifier, Duration.ofSeconds(30), 100, this.clock);
		tokens.decode("short-lived");
		this.clock.advance(Duration.ofSeconds(11));
		tokens.decode("short-lived");
		assertThat(this.verifications).hasValue(2);
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
