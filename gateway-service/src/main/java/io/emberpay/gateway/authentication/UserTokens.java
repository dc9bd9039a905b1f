package io.emberpay.gateway.authentication;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;

import io.emberpay.gateway.config.SecurityProperties;
import io.emberpay.gateway.problem.GatewayProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/**
 * Verifies access tokens the way every service does: ES256 or RS256 only (so neither
 * {@code alg: none} nor an HMAC keyed with the public key passes), signed by a key
 * auth-service publishes, with our issuer and audience, an expiry and no future
 * {@code nbf}; and no token of a session auth-service has ended, nor a team member's
 * merchant token whose membership grant ended ({@link RevokedSessions}).
 */
class UserTokens {

	private static final Logger log = LoggerFactory.getLogger(UserTokens.class);

	private final NimbusReactiveJwtDecoder decoder;

	private final Clock clock;

	/**
	 * Tokens already verified, by SHA-256, so a session's every request does not pay for
	 * a signature check. Kept at most {@code verified-token-cache-ttl} and never past the
	 * token's expiry; services verify every token themselves regardless.
	 */
	private final Cache<String, Verified> verified;

	private final RevokedSessions revokedSessions;

	UserTokens(SigningKeys keys, RevokedSessions revokedSessions, SecurityProperties properties, Clock clock) {
		this.revokedSessions = revokedSessions;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(properties.verifiedTokenCacheSize())
			.expireAfterWrite(properties.verifiedTokenCacheTtl())
			.build();
		this.decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::candidates)
			// the builder keeps one algorithm only: name both here
			.jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
					Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), new JWKSecurityContextJWKSet())))
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		OAuth2TokenValidator<Jwt> expiry = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				aud -> aud != null && aud.contains(properties.audience()));
		OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<String>(JwtClaimNames.SUB,
				sub -> sub != null && !sub.isBlank());
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				List.of(timestamps, expiry, new JwtIssuerValidator(properties.issuer()), audience, subject)));
	}

	/** The verified token's principal, or a 401 (503 when the keys cannot be fetched). */
	Mono<Principal> verify(String token) {
		String digest = MerchantKeys.sha256(token);
		Verified known = this.verified.getIfPresent(digest);
		if (known != null && known.expiresAt().isAfter(this.clock.instant())) {
			return (this.revokedSessions.contains(known.sessionId()) || this.revokedSessions.contains(known.grant()))
					? Mono.error(CredentialRejected.invalid()) : Mono.just(known.principal());
		}
		return this.decoder.decode(token).map(jwt -> {
			boolean merchant = jwt.getSubject().startsWith("mer_");
			// a team member's dashboard token: its role is enforced here (TeamRoles)
			Principal principal = new Principal(jwt.getSubject(),
					merchant ? Principal.Kind.MERCHANT : Principal.Kind.USER,
					merchant ? jwt.getClaimAsString("member_role") : null);
			String sessionId = jwt.getClaimAsString("sid");
			String grant = jwt.getClaimAsString("grant");
			this.verified.put(digest, new Verified(principal, jwt.getExpiresAt(), sessionId, grant));
			if (this.revokedSessions.contains(sessionId) || this.revokedSessions.contains(grant)) {
				throw CredentialRejected.invalid();
			}
			return principal;
		}).onErrorMap(JwtException.class, ex -> {
			log.debug("Refused a bearer token: {}", (ex instanceof JwtValidationException invalid) ? invalid.getErrors()
					: String.valueOf(ex.getCause()));
			return keysUnavailable(ex).orElse(CredentialRejected.invalid());
		});
	}

	private record Verified(Principal principal, Instant expiresAt, String sessionId, String grant) {
	}

	private static Optional<GatewayProblem> keysUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof GatewayProblem problem) {
				return Optional.of(problem);
			}
		}
		return Optional.empty();
	}

}
