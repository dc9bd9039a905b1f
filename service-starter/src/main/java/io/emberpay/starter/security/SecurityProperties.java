package io.emberpay.starter.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a service verifies callers' JWTs: keys from auth-service's JWKS, the expected
 * issuer and audience, and the paths anyone may call. A verified token is reused for
 * {@code verifiedTokenCacheTtl} (never past its {@code exp}), so a key removed from the
 * JWKS stops working here within that time, as at the gateway. {@code foreignBearerPaths}
 * are public paths whose {@code Authorization: Bearer} is another party's token (a
 * Pub/Sub push's OIDC token), left for the handler to verify instead of being refused as
 * ours.
 * <p>
 * {@code jwksSslBundle} names the {@code spring.ssl.bundle} whose trust material checks
 * auth-service's certificate when the JWKS is fetched over https (the cluster's internal
 * CA in Kubernetes); without it the JVM's default trust store does.
 * {@code jwksRequireHttps} makes a start with any other scheme than https fail outside
 * the {@code local} profile (production sets it).
 */
@Validated
@ConfigurationProperties("emberpay.security")
public record SecurityProperties(@NotBlank String jwksUri, @NotBlank String issuer, @NotBlank String audience,
		@NotNull Duration clockSkew, @NotNull List<String> publicPaths, @NotNull Duration verifiedTokenCacheTtl,
		@Min(0) @Max(10_000_000) int verifiedTokenCacheSize, List<String> foreignBearerPaths, boolean jwksRequireHttps,
		String jwksSslBundle) {

	public SecurityProperties {
		if (jwksUri == null) {
			jwksUri = "http://localhost:8081/.well-known/jwks.json";
		}
		if (issuer == null) {
			issuer = "https://auth.emberpay.local";
		}
		if (audience == null) {
			audience = "emberpay-api";
		}
		if (clockSkew == null) {
			clockSkew = Duration.ofSeconds(30);
		}
		if (publicPaths == null) {
			publicPaths = List.of();
		}
		if (foreignBearerPaths == null) {
			foreignBearerPaths = List.of();
		}
		if (verifiedTokenCacheTtl == null) {
			verifiedTokenCacheTtl = Duration.ofSeconds(30);
		}
	}

}
