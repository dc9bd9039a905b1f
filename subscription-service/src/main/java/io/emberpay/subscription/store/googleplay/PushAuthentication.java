package io.emberpay.subscription.store.googleplay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.subscription.SubscriptionError;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Checks a Pub/Sub push the way Google documents for authenticated push: the
 * {@code Authorization: Bearer} OIDC token is signed by Google (its JWKS), issued by
 * Google, for this endpoint's audience, not expired, and, when configured, for the push
 * subscription's service account with a verified email.
 */
@Component
class PushAuthentication {

	private final JwtDecoder decoder;

	PushAuthentication(GooglePlayProperties properties) {
		GooglePlayProperties.Push push = properties.push();
		if (push.audience() == null || push.audience().isBlank()) {
			// no audience configured: no push can prove it is for us
			this.decoder = null;
			return;
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(push.jwksUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
		checks.add(new JwtTimestampValidator(Duration.ofSeconds(60)));
		checks.add(new JwtClaimValidator<Object>(JwtClaimNames.ISS,
				(issuer) -> issuer != null && push.issuers().contains(issuer.toString())));
		checks.add(new JwtClaimValidator<Object>(JwtClaimNames.AUD,
				(audience) -> audience instanceof Collection<?> values && values.contains(push.audience())));
		if (push.serviceAccount() != null && !push.serviceAccount().isBlank()) {
			checks.add(new JwtClaimValidator<Object>("email", push.serviceAccount()::equals));
			checks.add(new JwtClaimValidator<Object>("email_verified",
					(verified) -> Boolean.TRUE.equals(verified) || "true".equals(verified)));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(checks));
		this.decoder = decoder;
	}

	void verify(String authorization) {
		if (this.decoder == null || authorization == null || !authorization.startsWith("Bearer ")) {
			throw unverified();
		}
		try {
			this.decoder.decode(authorization.substring("Bearer ".length()).trim());
		}
		catch (JwtException ex) {
			throw unverified();
		}
	}

	private static ApiException unverified() {
		return new ApiException(SubscriptionError.STORE_NOTIFICATION_UNVERIFIED,
				"The push carries no valid Google OIDC token for this endpoint", "Authorization");
	}

}
