package io.emberpay.starter.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The audience rule of every service's token verification, for a service that builds its
 * own {@code JwtDecoder} (auth-service): user, merchant and operator tokens carry the API
 * audience; a service token carries this service's name alone.
 */
public final class TokenAudience {

	private TokenAudience() {
	}

	public static OAuth2TokenValidator<Jwt> validator(String apiAudience, String serviceName) {
		OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "The token is not meant for this service", null);
		return (jwt) -> ServiceToken.audienceFits(jwt, apiAudience, serviceName) ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(wrongAudience);
	}

}
