package io.emberpay.payment.vault;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import io.emberpay.starter.keys.DeploymentKey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Card vault keys and limits. {@code keyEncryptionKeys} maps a version to a base64
 * 256-bit key; new records are wrapped with {@code activeKekVersion}, older versions stay
 * listed until the re-wrap job moved every record off them. {@code fingerprintKey} keys
 * the HMAC that makes card fingerprints unguessable without the key. Keys come from the
 * deployment's secret store ({@link DeploymentKey}). A detached card's number is deleted
 * {@code detachedNumberRetention} after the detach, once no payment in flight can need
 * it.
 */
@Validated
@ConfigurationProperties("emberpay.vault")
public record VaultProperties(@NotEmpty Map<Integer, @DeploymentKey String> keyEncryptionKeys, int activeKekVersion,
		@DeploymentKey String fingerprintKey, @NotNull Duration cvcHoldTtl, @Min(1) int cvcHoldCapacity,
		@Min(1) int rewrapBatchSize, @NotNull Duration rewrapInterval, @NotNull Duration detachedNumberRetention) {

	public VaultProperties {
		if (keyEncryptionKeys != null && !keyEncryptionKeys.containsKey(activeKekVersion)) {
			throw new IllegalArgumentException(
					"emberpay.vault.active-kek-version " + activeKekVersion + " has no key in key-encryption-keys");
		}
	}

}
