package io.emberpay.notification.webhook.endpoint;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the webhook endpoint API, validated at the edge. */
final class WebhookEndpointRequests {

	private WebhookEndpointRequests() {
	}

	record Create(@NotNull @Size(max = 2048) String url, @NotNull @Size(min = 1, max = 50) List<String> events,
			@Size(max = 500) String description) {
	}

	/** Every field optional: only the ones sent change. */
	record Update(@Size(max = 2048) String url, @Size(min = 1, max = 50) List<String> events,
			@Size(max = 500) String description, Boolean disabled) {
	}

	/**
	 * {@code POST /v1/webhook_endpoints/{id}/replays}: RFC 3339 times, checked by
	 * {@link ReplayRange}.
	 */
	record Replay(@Size(max = 64) String createdGte, @Size(max = 64) String createdLt) {
	}

}
