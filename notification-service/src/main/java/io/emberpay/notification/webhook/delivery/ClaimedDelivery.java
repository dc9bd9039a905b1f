package io.emberpay.notification.webhook.delivery;

import java.time.Instant;

/** A delivery this replica reserved and is about to attempt. */
record ClaimedDelivery(long id, String eventId, String endpointId, String merchant, String url, String body,
		int scheduleStep, Instant dueAt) {
}
