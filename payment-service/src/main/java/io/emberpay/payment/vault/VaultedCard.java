package io.emberpay.payment.vault;

import java.time.Instant;

/** What the platform may know about a vaulted card without decrypting it. */
public record VaultedCard(String id, String userId, String brand, String last4, String bin, int expMonth, int expYear,
		String fingerprint, Instant created) {
}
