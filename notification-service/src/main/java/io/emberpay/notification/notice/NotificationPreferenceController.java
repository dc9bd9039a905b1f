package io.emberpay.notification.notice;

import java.time.Clock;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/notification_preferences}: the calling user's own preferences. */
@RestController
@RequestMapping("/v1/notification_preferences")
class NotificationPreferenceController {

	private final PreferenceStore preferences;

	private final Clock clock;

	NotificationPreferenceController(PreferenceStore preferences, Clock clock) {
		this.preferences = preferences;
		this.clock = clock;
	}

	@GetMapping
	NotificationPreferences get(Caller caller) {
		return this.preferences.find(user(caller));
	}

	/** Replaces all four settings at once. */
	@PutMapping
	NotificationPreferences put(Caller caller, @Valid @RequestBody Update update) {
		NotificationPreferences next = new NotificationPreferences("notification_preferences", update.receiptsEmail(),
				update.receiptsPush(), update.alertsEmail(), update.alertsPush());
		this.preferences.save(user(caller), next, this.clock.instant());
		return next;
	}

	private static String user(Caller caller) {
		if (!caller.isUser()) {
			throw new ApiException(CommonError.FORBIDDEN, "Notification preferences belong to users");
		}
		return caller.id();
	}

	record Update(@NotNull Boolean receiptsEmail, @NotNull Boolean receiptsPush, @NotNull Boolean alertsEmail,
			@NotNull Boolean alertsPush) {
	}

}
