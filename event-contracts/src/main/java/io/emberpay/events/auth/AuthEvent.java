package io.emberpay.events.auth;

import java.time.Instant;

import io.emberpay.events.EventType;
import io.emberpay.events.PlatformEvent;

/**
 * Security events of auth-service, published on {@code auth.events} keyed by the subject
 * (user or merchant id). {@code origin} is the client IP as the gateway saw it.
 */
public sealed interface AuthEvent extends PlatformEvent {

	String subject();

	@Override
	default String aggregateId() {
		return subject();
	}

	@EventType("auth.user_signed_up")
	record UserSignedUp(String eventId, Instant occurredAt, String subject, String email,
			String origin) implements AuthEvent {
	}

	@EventType("auth.login_succeeded")
	record LoginSucceeded(String eventId, Instant occurredAt, String subject, String deviceId,
			String deviceFingerprintHash, boolean newDevice, java.util.List<String> amr,
			String origin) implements AuthEvent {
	}

	@EventType("auth.login_failed")
	record LoginFailed(String eventId, Instant occurredAt, String subject, String reason,
			String origin) implements AuthEvent {
	}

	@EventType("auth.device_added")
	record DeviceAdded(String eventId, Instant occurredAt, String subject, String deviceId,
			String deviceFingerprintHash, String origin) implements AuthEvent {
	}

	/**
	 * Logins of the subject from one address, or the subject's second factor, locked
	 * after repeated failures until {@code lockedUntil}.
	 */
	@EventType("auth.account_locked")
	record AccountLocked(String eventId, Instant occurredAt, String subject, Instant lockedUntil,
			String origin) implements AuthEvent {
	}

	/**
	 * {@code change}: {@code totp_enrollment_started}, {@code totp_activated},
	 * {@code totp_disabled} or {@code recovery_codes_regenerated}.
	 */
	@EventType("auth.mfa_changed")
	record MfaChanged(String eventId, Instant occurredAt, String subject, String change,
			String origin) implements AuthEvent {
	}

	@EventType("auth.merchant_created")
	record MerchantCreated(String eventId, Instant occurredAt, String subject, String name, String email,
			String origin) implements AuthEvent {
	}

	@EventType("auth.api_key_changed")
	record ApiKeyChanged(String eventId, Instant occurredAt, String subject, String keyId, String mode, String change,
			String origin) implements AuthEvent {
	}

	/**
	 * A login session ended: {@code reason} is {@code logout} or
	 * {@code refresh_token_reused}.
	 */
	@EventType("auth.session_revoked")
	record SessionRevoked(String eventId, Instant occurredAt, String subject, String sessionId, String reason,
			String origin) implements AuthEvent {
	}

	/**
	 * A user changed their password; every session of the user was revoked with it.
	 * {@code amr} names the factors the change was proven with.
	 */
	@EventType("auth.password_changed")
	record PasswordChanged(String eventId, Instant occurredAt, String subject, java.util.List<String> amr,
			int sessionsRevoked, String origin) implements AuthEvent {
	}

	/**
	 * A password change was refused: {@code reason} is {@code bad_credentials},
	 * {@code bad_mfa_code}, {@code mfa_code_missing}, {@code weak_new_password},
	 * {@code password_unchanged}, {@code account_locked}, {@code login_throttled} or
	 * {@code mfa_locked}.
	 */
	@EventType("auth.password_change_failed")
	record PasswordChangeFailed(String eventId, Instant occurredAt, String subject, String reason,
			String origin) implements AuthEvent {
	}

	/** A step-up challenge for one payment was answered; {@code passed} says how. */
	@EventType("auth.step_up_completed")
	record StepUpCompleted(String eventId, Instant occurredAt, String subject, String payment, String challenge,
			boolean passed, String origin) implements AuthEvent {
	}

}
