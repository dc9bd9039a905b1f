package io.emberpay.notification.webhook.event;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * The public {@code event} object: the webhook body's fields plus where its deliveries
 * stand.
 */
public record WebhookEventView(String id, String object, String type, Instant created, Boolean livemode, JsonNode data,
		String deliveryStatus, long pendingWebhooks) {
}
