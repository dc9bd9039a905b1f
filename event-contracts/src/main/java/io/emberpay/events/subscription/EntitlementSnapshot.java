package io.emberpay.events.subscription;

import java.time.Instant;

/**
 * What a user may use at a merchant: a tier, what sold it ({@code subscription},
 * {@code app_store}, {@code google_play}) and until when. {@code livemode} is its
 * source's mode (a store's sandbox is test); it is null in events written before
 * entitlements carried it, and readers then treat the entitlement as a test one, so a
 * live webhook endpoint never receives an event whose mode nobody stated.
 */
public record EntitlementSnapshot(String id, String object, String merchant, String customer, String tier,
		String source, String sourceId, Instant expiresAt, Boolean livemode) {
}
