package io.emberpay.auth.token;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.emberpay.starter.security.SecurityProperties;
import io.emberpay.starter.security.ServiceIdentityProperties;
import io.emberpay.starter.security.TokenAudience;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service verifies its callers' tokens against its own key ring first, so it never
 * depends on fetching its own JWKS over HTTP; a kid it does not hold (a key another
 * replica created moments ago) is looked up at {@code emberpay.security.jwks-uri}. The
 * starter's validators apply unchanged: ES256/RS256 only, issuer, audience, expiry.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties, ServiceIdentityProperties identity)
			throws MalformedURLException {
		JWKSource<SecurityContext> remote = JWKSourceBuilder.create(URI.create(properties.jwksUri()).toURL())
			.retrying(false)
			.build();
		JWKSource<SecurityContext> ring = (selector, context) -> {
			List<JWK> local = selector.select(keys.publishedKeys());
			return local.isEmpty() ? remote.get(selector, context) : local;
		};
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor
			.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), ring));
		// claims are checked by Spring's validators below, exactly as every other service
		// does
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(
				new JwtTimestampValidator(properties.clockSkew()), new JwtIssuerValidator(properties.issuer()),
				TokenAudience.validator(properties.audience(), identity.name())));
		return decoder;
	}

}
