package io.emberpay.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.emberpay.starter.security.SecurityProperties;

import org.springframework.stereotype.Component;

/** Signs the platform's access tokens (claims per docs/contracts.md). */
@Component
public class AccessTokens {

	private final SigningKeys keys;

	private final SecurityProperties security;

	private final Clock clock;

	AccessTokens(SigningKeys keys, SecurityProperties security, Clock clock) {
		this.keys = keys;
		this.security = security;
		this.clock = clock;
	}

	/** A user's token; {@code sid} names the login session so logout can end it. */
	public String forUser(String userId, List<String> roles, List<String> amr, String sessionId, Duration ttl) {
		return sign(claims(userId, roles, amr, ttl).claim("sid", sessionId).build());
	}

	public String forMerchant(String merchantId, boolean livemode, Duration ttl) {
		return sign(
				claims(merchantId, List.of("merchant"), List.of("api_key"), ttl).claim("livemode", livemode).build());
	}

	/**
	 * A merchant token for a member of the merchant's team working in the dashboard: a
	 * key's merchant token plus who acts ({@code user}), with which role
	 * ({@code member_role}), under which login session ({@code sid}) and membership grant
	 * ({@code grant}), so that ending either refuses it at the edge. {@code amr} is the
	 * user's login's.
	 */
	public String forMember(Member member, boolean livemode, Duration ttl) {
		return sign(claims(member.merchantId(), List.of("merchant"), member.amr(), ttl).claim("livemode", livemode)
			.claim("user", member.userId())
			.claim("member_role", member.role())
			.claim("sid", member.sessionId())
			.claim("grant", member.grantId())
			.build());
	}

	/** Who a member's merchant token speaks for. */
	public record Member(String merchantId, String userId, String role, String sessionId, String grantId,
			List<String> amr) {
	}

	/**
	 * A service token: {@code caller} may call {@code audience} (and only it) until it
	 * expires; it carries no roles and counts nowhere on the public API.
	 */
	public String forService(String caller, String audience, Duration ttl) {
		Instant now = this.clock.instant();
		return sign(new JWTClaimsSet.Builder().issuer(this.security.issuer())
			.audience(List.of(audience))
			.subject(caller)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.jwtID(UUID.randomUUID().toString())
			.claim("typ", "service")
			.build());
	}

	private JWTClaimsSet.Builder claims(String subject, List<String> roles, List<String> amr, Duration ttl) {
		Instant now = this.clock.instant();
		return new JWTClaimsSet.Builder().issuer(this.security.issuer())
			.audience(List.of(this.security.audience()))
			.subject(subject)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles)
			.claim("amr", amr);
	}

	private String sign(JWTClaimsSet claims) {
		ECKey key = this.keys.signingKey();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not sign token", ex);
		}
		return jwt.serialize();
	}

}
