package io.emberpay.notification.webhook.delivery;

import java.time.Instant;

/**
 * A delivery this replica reserved and is about to attempt, with the endpoint's encrypted
 * signing secrets as they stood at the claim ({@code previousSecret} is {@code null}
 * outside a rotation).
 */
record ClaimedDelivery(long id, String eventId, String endpointId, String merchant, String url, String body,
		int scheduleStep, Instant dueAt, byte[] secret, byte[] previousSecret, Instant previousSecretUntil) {
}
