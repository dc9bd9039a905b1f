package io.emberpay.gateway.authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.emberpay.gateway.config.SecurityProperties;
import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.GatewayProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Exchanges a merchant's secret API key for a short-lived merchant JWT at auth-service
 * ({@code POST /internal/v1/api_keys/verify}). Verdicts are cached in memory keyed by the
 * key's SHA-256 (the key itself is never kept): accepted keys for at most
 * {@code merchant-key-cache-ttl} and never past the JWT's expiry, refused keys briefly so
 * a guessing client cannot flood auth-service. Concurrent requests with one key share a
 * single call.
 */
class MerchantKeys {

	private static final Logger log = LoggerFactory.getLogger(MerchantKeys.class);

	/** A forwarded token must still be valid when the service behind verifies it. */
	private static final Duration TOKEN_EXPIRY_MARGIN = Duration.ofSeconds(30);

	private final WebClient auth;

	private final SecurityProperties properties;

	private final AsyncCache<String, Verdict> verdicts;

	MerchantKeys(WebClient auth, SecurityProperties properties) {
		this.auth = auth;
		this.properties = properties;
		this.verdicts = Caffeine.newBuilder()
			.maximumSize(properties.merchantKeyCacheSize())
			.expireAfter(new VerdictExpiry(properties))
			.buildAsync();
	}

	static boolean looksLikeSecretKey(String credential) {
		return credential.startsWith("sk_test_") || credential.startsWith("sk_live_");
	}

	/** The merchant and the JWT to forward for {@code apiKey}, or a 401 / 503 problem. */
	Mono<Exchanged> exchange(String apiKey) {
		return Mono.fromFuture(() -> this.verdicts.get(sha256(apiKey), (digest, executor) -> verify(apiKey).toFuture()))
			.flatMap(verdict -> (verdict.accepted() == null) ? Mono.error(CredentialRejected.invalid())
					: Mono.just(verdict.accepted()));
	}

	private Mono<Verdict> verify(String apiKey) {
		return this.auth.post()
			.uri("/internal/v1/api_keys/verify")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("api_key", apiKey))
			.exchangeToMono(response -> {
				if (response.statusCode().is2xxSuccessful()) {
					return response.bodyToMono(VerifyResponse.class).map(MerchantKeys::accepted);
				}
				if (response.statusCode().value() == HttpStatus.UNAUTHORIZED.value()
						|| response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
					return response.releaseBody().thenReturn(Verdict.REFUSED);
				}
				return response.releaseBody()
					.then(Mono.error(new IllegalStateException("api key verify answered " + response.statusCode())));
			})
			.timeout(this.properties.verifyTimeout())
			.onErrorMap(ex -> !(ex instanceof GatewayProblem), ex -> {
				log.warn("Could not verify a merchant API key at auth-service: {}", ex.toString());
				return new GatewayProblem(GatewayError.SERVICE_UNAVAILABLE,
						"Merchant key verification is temporarily unavailable", Duration.ofSeconds(5),
						HttpHeaders.EMPTY);
			});
	}

	private static Verdict accepted(VerifyResponse body) {
		if (body.merchant() == null || body.accessToken() == null || body.expiresIn() <= 0) {
			throw new IllegalStateException("api key verify answered an incomplete body");
		}
		return new Verdict(new Exchanged(body.merchant(), body.accessToken(), body.apiVersion()),
				Duration.ofSeconds(body.expiresIn()));
	}

	static String sha256(String apiKey) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/**
	 * A verified key: its merchant, the JWT to send upstream in its place, and the API
	 * version the merchant is pinned to (null when none).
	 */
	record Exchanged(String merchant, String accessToken, String apiVersion) {
	}

	/** auth-service's answer; {@code accepted} is null for a refused key. */
	private record Verdict(Exchanged accepted, Duration tokenLifetime) {

		static final Verdict REFUSED = new Verdict(null, Duration.ZERO);

	}

	private record VerifyResponse(String merchant, @JsonProperty("key_id") String keyId, boolean livemode,
			@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
			@JsonProperty("api_version") String apiVersion) {
	}

	private static final class VerdictExpiry implements Expiry<String, Verdict> {

		private final SecurityProperties properties;

		VerdictExpiry(SecurityProperties properties) {
			this.properties = properties;
		}

		@Override
		public long expireAfterCreate(String digest, Verdict verdict, long currentTime) {
			if (verdict.accepted() == null) {
				return this.properties.merchantKeyRejectionTtl().toNanos();
			}
			Duration usable = verdict.tokenLifetime().minus(TOKEN_EXPIRY_MARGIN);
			Duration ttl = (usable.compareTo(this.properties.merchantKeyCacheTtl()) < 0) ? usable
					: this.properties.merchantKeyCacheTtl();
			return Math.max(0, TimeUnit.NANOSECONDS.convert(ttl));
		}

		@Override
		public long expireAfterUpdate(String digest, Verdict verdict, long currentTime, long currentDuration) {
			return expireAfterCreate(digest, verdict, currentTime);
		}

		@Override
		public long expireAfterRead(String digest, Verdict verdict, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
