package io.emberpay.notification.webhook.endpoint;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The public {@code webhook_endpoint} object. {@code secret} is present only in the
 * answers to create and rotate_secret.
 */
public record WebhookEndpointView(String id, String object, String url, List<String> events, String description,
		String status, boolean livemode, Instant created, String secret) {

	static WebhookEndpointView of(WebhookEndpoint endpoint, String revealedSecret) {
		return new WebhookEndpointView(endpoint.id(), "webhook_endpoint", endpoint.url(), endpoint.events(),
				endpoint.description(), endpoint.status().value(), endpoint.livemode(),
				endpoint.created().truncatedTo(ChronoUnit.SECONDS), revealedSecret);
	}

}
