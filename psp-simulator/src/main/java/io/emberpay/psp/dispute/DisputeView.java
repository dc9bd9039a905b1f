package io.emberpay.psp.dispute;

import java.time.Instant;

/**
 * A dispute as the acquirer reports it, in admin answers and in {@code dispute.*}
 * webhooks.
 *
 * @param authorizationId the disputed authorization (the platform's PSP reference)
 * @param reference the caller's id of the disputed payment
 * @param status {@code needs_response}, {@code won} or {@code lost}
 */
public record DisputeView(String id, String psp, String authorizationId, String reference, long amount, String currency,
		String reason, String status, Instant evidenceDueBy, Instant createdAt, Instant closedAt) {
}
