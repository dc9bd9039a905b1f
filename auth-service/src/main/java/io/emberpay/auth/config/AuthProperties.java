package io.emberpay.auth.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.emberpay.starter.keys.DeploymentKey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * auth-service settings. Defaults live in application.yml; deployments set the secrets
 * from their secret store.
 */
@Validated
@ConfigurationProperties("emberpay.auth")
public record AuthProperties(@Valid @NotNull Tokens tokens, @Valid @NotNull Login login, @Valid @NotNull Mfa mfa,
		@Valid @NotNull Secrets secrets) {

	/**
	 * Token lifetimes and signing-key rotation. A new signing key is published
	 * {@code keyActivationDelay} before it signs, so every verifier's cached JWKS already
	 * holds it.
	 */
	public record Tokens(@NotNull Duration accessTtl, @NotNull Duration merchantTtl, @NotNull Duration refreshTtl,
			@NotNull Duration sessionMaxAge, @NotNull Duration keyRotationPeriod,
			@NotNull Duration keyActivationDelay) {

		public Tokens {
			if (accessTtl != null && accessTtl.compareTo(Duration.ofMinutes(15)) > 0) {
				throw new IllegalArgumentException("access tokens live at most 15 minutes");
			}
		}

	}

	/**
	 * Failed logins, counted per (email, client address): after
	 * {@code delayAfterFailures} failures each further attempt waits
	 * {@code delayBase * 2^(n - delayAfterFailures)} (at most {@code delayMax}); at
	 * {@code maxFailures} the login from that address locks for {@code lockDuration}.
	 * After {@code slowDownAfterFailures} failures at one email from all addresses
	 * together, addresses that no login to the account succeeded from within
	 * {@code knownAddressTtl} wait the same way (never locked). At most
	 * {@code maxConcurrentHashes} Argon2id computations run at once (0: one per core); a
	 * request waits at most {@code hashQueueTimeout} for its turn.
	 */
	public record Login(@Min(1) @Max(10) int maxFailures, @NotNull Duration lockDuration,
			@Min(1) int delayAfterFailures, @NotNull Duration delayBase, @NotNull Duration delayMax,
			@Min(1) int slowDownAfterFailures, @NotNull Duration knownAddressTtl,
			@Min(0) @Max(64) int maxConcurrentHashes, @NotNull Duration hashQueueTimeout) {
	}

	/**
	 * Second factors. {@code maxAttempts} wrong codes spend one MFA login or step-up
	 * challenge; {@code maxFailures} wrong codes in a row, wherever checked, lock the
	 * user's factor for {@code lockDuration}. Enrolling, disabling or regenerating
	 * recovery codes needs the password, or a login within {@code recentLogin}.
	 */
	public record Mfa(@NotBlank String issuer, @NotNull Duration loginTokenTtl, @Min(1) @Max(20) int maxAttempts,
			@Min(5) @Max(10) int maxFailures, @NotNull Duration lockDuration, @NotNull Duration recentLogin,
			@NotNull Duration stepUpTtl, @Min(1) @Max(20) int recoveryCodes) {
	}

	/**
	 * {@code masterKey} (base64, 32 bytes) seals signing keys and TOTP secrets at rest;
	 * {@code hashPepper} (base64, at least 32 bytes) keys the HMAC of API keys and
	 * recovery codes. Both come from the deployment's secret store
	 * ({@link DeploymentKey}).
	 */
	public record Secrets(@DeploymentKey String masterKey, @DeploymentKey String hashPepper) {
	}

}
