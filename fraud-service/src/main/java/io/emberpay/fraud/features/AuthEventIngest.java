package io.emberpay.fraud.features;

import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.inbox.ReceivedEvent;

import org.springframework.stereotype.Component;

/**
 * Keeps login streaks and known devices current from {@code auth.events}; merchants'
 * events and unknown subjects are skipped.
 */
@Component
class AuthEventIngest {

	private final FailureStreaks streaks;

	private final KnownDevices devices;

	AuthEventIngest(FailureStreaks streaks, KnownDevices devices) {
		this.streaks = streaks;
		this.devices = devices;
	}

	void apply(ReceivedEvent received) {
		if (!(received.event() instanceof AuthEvent event) || event.subject() == null
				|| !event.subject().startsWith("usr_") || event.subject().length() > 64) {
			return;
		}
		switch (event) {
			case AuthEvent.LoginSucceeded login -> {
				this.streaks.succeeded(StreakScope.LOGIN_USER, login.subject());
				this.devices.remember(login.subject(), device(login.deviceId()), login.occurredAt());
			}
			case AuthEvent.DeviceAdded added ->
				this.devices.remember(added.subject(), device(added.deviceId()), added.occurredAt());
			case AuthEvent.LoginFailed failed -> this.streaks.failed(StreakScope.LOGIN_USER, failed.subject());
			default -> {
				// sign-ups, MFA and API key changes carry no risk feature
			}
		}
	}

	private static String device(String deviceId) {
		return (deviceId == null || deviceId.length() > 128) ? null : deviceId;
	}

}
