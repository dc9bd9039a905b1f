package io.emberpay.auth.token;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.emberpay.starter.security.JwksTransport;
import io.emberpay.starter.security.SecurityProperties;
import io.emberpay.starter.security.ServiceIdentityProperties;
import io.emberpay.starter.security.TokenAudience;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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
	JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties, ServiceIdentityProperties identity,
			Environment environment, ObjectProvider<SslBundles> sslBundles) throws MalformedURLException {
		JwksTransport.check(properties.jwksUri(), properties.jwksRequireHttps(), environment.matchesProfiles("local"),
				"emberpay.security");
		SSLSocketFactory tls = null;
		if (properties.jwksSslBundle() != null && !properties.jwksSslBundle().isBlank()) {
			tls = JwksTransport.sslContext(properties.jwksSslBundle(), sslBundles).getSocketFactory();
		}
		JWKSource<SecurityContext> remote = JWKSourceBuilder.create(URI.create(properties.jwksUri()).toURL(),
				new DefaultResourceRetriever(JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
						JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT, true,
						tls))
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
