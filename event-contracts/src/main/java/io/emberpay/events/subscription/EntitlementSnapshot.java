package io.emberpay.events.subscription;

import java.time.Instant;

/**
 * What a user may use at a merchant: a tier, what sold it ({@code subscription},
 * {@code app_store}, {@code google_play}) and until when.
 */
public record EntitlementSnapshot(String id, String object, String merchant, String customer, String tier,
		String source, String sourceId, Instant expiresAt) {
}
