package io.emberpay.notification.webhook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.emberpay.notification.NotificationError;
import io.emberpay.starter.problem.ApiException;

/**
 * The event types merchants can subscribe to (api.md, Webhooks). {@code *} subscribes to
 * every type, including ones added later.
 */
public final class WebhookEventTypes {

	public static final String ALL = "*";

	public static final Set<String> PUBLIC = Set.of("payment.requires_action", "payment.authorized", "payment.captured",
			"payment.succeeded", "payment.failed", "payment.canceled", "refund.succeeded", "fraud.alert",
			"subscription.created", "subscription.updated", "subscription.renewed", "subscription.past_due",
			"subscription.canceled", "invoice.paid", "invoice.payment_failed", "entitlement.granted",
			"entitlement.revoked", "payout.created", "payout.paid", "payout.failed", "dispute.created",
			"dispute.updated", "dispute.closed");

	private static final int MAX_TYPES = 50;

	private WebhookEventTypes() {
	}

	public static boolean isPublic(String type) {
		return PUBLIC.contains(type);
	}

	/** Checks a merchant's subscription list, answering it without duplicates. */
	public static List<String> checkSubscription(List<String> types) {
		if (types == null || types.isEmpty()) {
			throw ApiException.invalid("events", "events must list at least one event type, or \"*\"");
		}
		if (types.size() > MAX_TYPES) {
			throw ApiException.invalid("events", "events may list at most " + MAX_TYPES + " types");
		}
		Set<String> unique = new LinkedHashSet<>();
		for (String type : types) {
			if (type == null || !(ALL.equals(type) || PUBLIC.contains(type))) {
				throw new ApiException(NotificationError.UNKNOWN_EVENT_TYPE,
						"Unknown event type '" + abbreviate(type) + "'", "events");
			}
			unique.add(type);
		}
		return List.copyOf(unique);
	}

	/** Checks a {@code type} list filter. */
	public static String checkFilter(String type) {
		if (type != null && !PUBLIC.contains(type)) {
			throw new ApiException(NotificationError.UNKNOWN_EVENT_TYPE,
					"Unknown event type '" + abbreviate(type) + "'", "type");
		}
		return type;
	}

	private static String abbreviate(String value) {
		if (value == null) {
			return "null";
		}
		return (value.length() > 64) ? value.substring(0, 64) + "…" : value;
	}

}
