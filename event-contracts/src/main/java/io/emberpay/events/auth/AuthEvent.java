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

	/**
	 * A user signed up. The e-mail address is deliberately absent: Kafka records cannot
	 * be erased, so no event carries personal contact data; a service that needs the
	 * address asks auth-service for it ({@code GET /internal/v1/users/{id}/contact}).
	 */
	@EventType("auth.user_signed_up")
	record UserSignedUp(String eventId, Instant occurredAt, String subject, String origin) implements AuthEvent {
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
	 * after repeated failures until {@code lockedUntil}; or the whole account locked by
	 * an operator, {@code lockedUntil} null: until an operator unlocks it.
	 */
	@EventType("auth.account_locked")
	record AccountLocked(String eventId, Instant occurredAt, String subject, Instant lockedUntil,
			String origin) implements AuthEvent {
	}

	/** An operator unlocked an account another operator had locked. */
	@EventType("auth.account_unlocked")
	record AccountUnlocked(String eventId, Instant occurredAt, String subject, String origin) implements AuthEvent {
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
	 * A login session ended: {@code reason} is {@code logout},
	 * {@code refresh_token_reused}, {@code operator} (an operator revoked the user's
	 * sessions) or {@code account_locked}.
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

	/**
	 * Someone asked for a password reset link for the subject. Neither the address nor
	 * the link's token travel here: notification-service fetches both for {@code request}
	 * from auth-service over an authenticated internal call, once, and puts the token
	 * only into the e-mail.
	 */
	@EventType("auth.password_reset_requested")
	record PasswordResetRequested(String eventId, Instant occurredAt, String subject, String request,
			String origin) implements AuthEvent {
	}

	/**
	 * The subject's e-mail address is to be confirmed (after sign-up): mailed like a
	 * password reset link, see {@link PasswordResetRequested}.
	 */
	@EventType("auth.email_verification_requested")
	record EmailVerificationRequested(String eventId, Instant occurredAt, String subject, String request,
			String origin) implements AuthEvent {
	}

	/** The subject proved they read mail at their address. */
	@EventType("auth.email_verified")
	record EmailVerified(String eventId, Instant occurredAt, String subject, String origin) implements AuthEvent {
	}

	/**
	 * Someone was invited to the subject merchant's team with {@code role}. Neither the
	 * invited address nor the invitation's token travel here: notification-service
	 * fetches both for {@code invitation} from auth-service when it sends the e-mail, as
	 * for a {@link PasswordResetRequested}. {@code actor}: the admin user, or the
	 * merchant's id when its secret key invited.
	 */
	@EventType("auth.member_invited")
	record MemberInvited(String eventId, Instant occurredAt, String subject, String invitation, String role,
			String actor, String origin) implements AuthEvent {
	}

	/**
	 * The subject merchant's team changed: {@code change} is {@code member_added}
	 * (invitation accepted, or the user who signed the merchant up),
	 * {@code member_role_changed}, {@code member_removed}, {@code invitation_revoked} or
	 * {@code merchant_token_issued} (a member opened the dashboard). {@code user} is the
	 * member concerned, {@code invitation} the invitation if one is, {@code role} the
	 * member's role after the change, {@code actor} who acted (a user, or the merchant's
	 * id when its secret key did).
	 */
	@EventType("auth.team_changed")
	record TeamChanged(String eventId, Instant occurredAt, String subject, String change, String user,
			String invitation, String role, String actor, String origin) implements AuthEvent {
	}

	/**
	 * The user asked to be forgotten. Every service that holds personal data of the
	 * subject deletes or irreversibly pseudonymises it when it consumes this event
	 * (idempotently: the event may arrive twice). Carries no origin: the request's
	 * address is personal data too.
	 */
	@EventType("user.erasure_requested")
	record UserErasureRequested(String eventId, Instant occurredAt, String subject) implements AuthEvent {
	}

}
