package io.emberpay.notification.webhook.endpoint;

import java.time.Instant;

/**
 * The public {@code webhook_replay} object: which range of an endpoint's failed events
 * was queued again, and how many; {@code hasMore} when the range held more than one
 * request queues (send the same request again for the next ones).
 */
record WebhookReplayView(String id, String object, String endpoint, Instant createdGte, Instant createdLt,
		int eventsQueued, boolean hasMore, Instant created) {
}
