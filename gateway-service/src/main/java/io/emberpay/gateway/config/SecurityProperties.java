package io.emberpay.gateway.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the edge checks credentials: the issuer and audience every token must carry, where
 * the signing keys are published, how long merchant key verdicts are reused, and how
 * often the sessions auth-service revoked are read (the longest a logged-out session's
 * token still passes the edge). {@code jwksSslBundle} names the {@code spring.ssl.bundle}
 * that checks auth-service's certificate when the JWKS comes over https;
 * {@code jwksRequireHttps} refuses any other scheme outside the {@code local} profile.
 */
@Validated
@ConfigurationProperties("emberpay.security")
public record SecurityProperties(@NotBlank String issuer, @NotBlank String audience, @NotNull URI jwksUri,
		@NotNull Duration jwksRefresh, @NotNull Duration jwksMinRefetchInterval, @NotNull Duration clockSkew,
		@NotNull Duration merchantKeyCacheTtl, @NotNull Duration merchantKeyRejectionTtl,
		@Positive long merchantKeyCacheSize, @NotNull Duration verifiedTokenCacheTtl,
		@Positive long verifiedTokenCacheSize, @NotNull Duration verifyTimeout,
		@NotNull Duration revocationPollInterval, boolean jwksRequireHttps, String jwksSslBundle) {

	/** The contract caps how long a merchant key verdict may be reused. */
	private static final Duration MAX_MERCHANT_KEY_CACHE_TTL = Duration.ofSeconds(60);

	@AssertTrue(message = "merchant-key-cache-ttl must be at most 60s")
	public boolean isMerchantKeyCacheTtlCapped() {
		return this.merchantKeyCacheTtl == null || this.merchantKeyCacheTtl.compareTo(MAX_MERCHANT_KEY_CACHE_TTL) <= 0;
	}

	@AssertTrue(message = "verified-token-cache-ttl must be at most 60s")
	public boolean isVerifiedTokenCacheTtlCapped() {
		return this.verifiedTokenCacheTtl == null
				|| this.verifiedTokenCacheTtl.compareTo(MAX_MERCHANT_KEY_CACHE_TTL) <= 0;
	}

	@AssertTrue(message = "merchant-key-rejection-ttl must not exceed merchant-key-cache-ttl")
	public boolean isRejectionTtlWithinCacheTtl() {
		return this.merchantKeyRejectionTtl == null || this.merchantKeyCacheTtl == null
				|| this.merchantKeyRejectionTtl.compareTo(this.merchantKeyCacheTtl) <= 0;
	}

}
