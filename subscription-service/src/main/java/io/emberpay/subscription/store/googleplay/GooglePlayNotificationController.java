package io.emberpay.subscription.store.googleplay;

import java.util.Locale;

import io.emberpay.subscription.store.StorePurchases.Outcome;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/google_play/notifications/{merchant}}: the push endpoint of the
 * merchant's Pub/Sub subscription. Its {@code Authorization} is Google's token, not ours
 * (the path is a foreign-bearer path of the starter's security).
 */
@RestController
class GooglePlayNotificationController {

	private final GooglePlayNotifications notifications;

	GooglePlayNotificationController(GooglePlayNotifications notifications) {
		this.notifications = notifications;
	}

	@PostMapping("/v1/google_play/notifications/{merchant}")
	Received receive(@PathVariable String merchant,
			@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestBody JsonNode envelope) {
		Outcome outcome = this.notifications.receive(merchant, authorization, envelope);
		return new Received("store_notification", outcome.name().toLowerCase(Locale.ROOT));
	}

	record Received(String object, String outcome) {
	}

}
