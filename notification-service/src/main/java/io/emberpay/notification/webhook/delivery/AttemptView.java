package io.emberpay.notification.webhook.delivery;

import java.time.Instant;

/** One HTTP attempt, as {@code GET /v1/webhook_endpoints/{id}/attempts} shows it. */
public record AttemptView(String id, String object, String event, Instant attemptedAt, Integer statusCode,
		long latencyMs, String error, boolean succeeded) {
}
