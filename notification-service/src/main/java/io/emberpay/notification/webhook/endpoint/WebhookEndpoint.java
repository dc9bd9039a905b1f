package io.emberpay.notification.webhook.endpoint;

import java.time.Instant;
import java.util.List;

/** A merchant's webhook endpoint as stored (secrets stay in the store). */
public record WebhookEndpoint(String id, String merchant, String url, String description, List<String> events,
		EndpointStatus status, boolean livemode, Instant created) {

	public enum EndpointStatus {

		/** Receives events. */
		ENABLED,
		/** Turned off by the merchant: no new deliveries; pending ones wait. */
		DISABLED,
		/** A delivery exhausted its retries; still receives events, merchant alerted. */
		FAILING,
		/** Removed by the merchant; invisible and never called again. */
		DELETED;

		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		public static EndpointStatus of(String value) {
			return valueOf(value.toUpperCase(java.util.Locale.ROOT));
		}

	}

}
