package io.emberpay.subscription.store.appstore;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.emberpay.subscription.store.StorePurchases.Outcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/app_store/notifications/{merchant}}: the URL a merchant gives App Store
 * Connect. No caller credentials: the payload's own signature is the proof.
 */
@RestController
class AppStoreNotificationController {

	private final AppStoreNotifications notifications;

	AppStoreNotificationController(AppStoreNotifications notifications) {
		this.notifications = notifications;
	}

	@PostMapping("/v1/app_store/notifications/{merchant}")
	Received receive(@PathVariable String merchant, @Valid @RequestBody Notification notification) {
		Outcome outcome = this.notifications.receive(merchant, notification.signedPayload());
		return new Received("store_notification", outcome.name().toLowerCase(java.util.Locale.ROOT));
	}

	/** Apple's body, in Apple's (camel case) names. */
	record Notification(@JsonProperty("signedPayload") @NotBlank @Size(max = 65536) String signedPayload) {
	}

	record Received(String object, String outcome) {
	}

}
