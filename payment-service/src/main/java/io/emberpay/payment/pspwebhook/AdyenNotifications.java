package io.emberpay.payment.pspwebhook;

import io.emberpay.payment.psp.WebhookRefused;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.payment.psp.adyen.AdyenProperties;
import io.emberpay.payment.psp.adyen.AdyenSignature;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adyen's standard notifications: every item must carry an HMAC made with one of our keys
 * before any is stored; each is stored raw once, keyed by Adyen's own identity of a
 * notification (event code, PSP reference, success). Nothing is routed to Adyen yet, so
 * items drive no payment.
 */
@Component
class AdyenNotifications {

	static final String ACQUIRER = "adyen";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PspWebhookEvents events;

	private final AdyenProperties properties;

	private final TransactionTemplate transactions;

	AdyenNotifications(PspWebhookEvents events, AdyenProperties properties, TransactionTemplate transactions) {
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
	}

	boolean enabled() {
		return this.properties.enabled();
	}

	/** Verifies every item, then stores the new ones; answers how many were new. */
	int receive(String body) {
		JsonNode notification;
		try {
			notification = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw refused(WebhookRefused.Reason.MALFORMED, "body is not JSON");
		}
		JsonNode items = notification.path("notificationItems");
		if (!items.isArray() || items.isEmpty()) {
			throw refused(WebhookRefused.Reason.MALFORMED, "no notificationItems");
		}
		List<JsonNode> verified = new ArrayList<>();
		for (JsonNode wrapper : items) {
			JsonNode item = wrapper.path("NotificationRequestItem");
			if (!item.isObject() || item.path("pspReference").asString("").isEmpty()
					|| item.path("eventCode").asString("").isEmpty()) {
				throw refused(WebhookRefused.Reason.MALFORMED, "an item is not a NotificationRequestItem");
			}
			if (item.path("additionalData").path("hmacSignature").asString("").isEmpty()) {
				throw refused(WebhookRefused.Reason.UNSIGNED, "an item has no hmacSignature");
			}
			if (this.properties.hmacKeys().stream().noneMatch(key -> AdyenSignature.verify(item, key))) {
				throw refused(WebhookRefused.Reason.FORGED, "an item's hmacSignature does not verify");
			}
			verified.add(item);
		}
		boolean live = "true".equals(notification.path("live").asString(""));
		Integer stored = this.transactions.execute(status -> {
			int count = 0;
			for (JsonNode item : verified) {
				String id = item.path("eventCode").asString() + ":" + item.path("pspReference").asString() + ":"
						+ item.path("success").asString("");
				if (this.events.insertIfNew(ACQUIRER, id, item.path("eventCode").asString(), live, item.toString())) {
					this.events.recordOutcome(ACQUIRER, id, "stored");
					count++;
				}
			}
			return count;
		});
		return (stored == null) ? 0 : stored;
	}

	private static WebhookRefused refused(WebhookRefused.Reason reason, String message) {
		return new WebhookRefused(reason, message);
	}

}
