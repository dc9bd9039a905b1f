package io.emberpay.gateway.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the edge checks credentials: the issuer and audience every token must carry, where
 * the signing keys are published, how long merchant key verdicts are reused, and how
 * often the sessions auth-service revoked are read (the longest a logged-out session's
 * token still passes the edge).
 */
@ConfigurationProperties("emberpay.security")
public record SecurityProperties(String issuer, String audience, URI jwksUri, Duration jwksRefresh,
		Duration jwksMinRefetchInterval, Duration clockSkew, Duration merchantKeyCacheTtl,
		Duration merchantKeyRejectionTtl, long merchantKeyCacheSize, Duration verifiedTokenCacheTtl,
		long verifiedTokenCacheSize, Duration verifyTimeout, Duration revocationPollInterval) {

	/** The contract caps how long a merchant key verdict may be reused. */
	private static final Duration MAX_MERCHANT_KEY_CACHE_TTL = Duration.ofSeconds(60);

	public SecurityProperties {
		if (merchantKeyCacheTtl.compareTo(MAX_MERCHANT_KEY_CACHE_TTL) > 0) {
			throw new IllegalArgumentException("emberpay.security.merchant-key-cache-ttl must be at most 60s");
		}
		if (verifiedTokenCacheTtl.compareTo(MAX_MERCHANT_KEY_CACHE_TTL) > 0) {
			throw new IllegalArgumentException("emberpay.security.verified-token-cache-ttl must be at most 60s");
		}
		if (merchantKeyRejectionTtl.compareTo(merchantKeyCacheTtl) > 0) {
			throw new IllegalArgumentException(
					"emberpay.security.merchant-key-rejection-ttl must not exceed merchant-key-cache-ttl");
		}
	}

}
