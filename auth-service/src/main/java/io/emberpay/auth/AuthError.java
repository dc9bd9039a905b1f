package io.emberpay.auth;

import io.emberpay.starter.problem.ErrorCode;

import org.springframework.http.HttpStatus;

/**
 * auth-service's error catalogue; the {@code code} of each problem is the lower-case
 * name.
 */
public enum AuthError implements ErrorCode {

	/** Wrong email or password: deliberately the same answer whether the email exists. */
	INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "Invalid credentials"),
	LOGIN_THROTTLED(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins, wait before retrying"),
	ACCOUNT_LOCKED(HttpStatus.TOO_MANY_REQUESTS, "Login locked after repeated failures"),
	/** An operator locked the account; only an operator unlocks it. */
	ACCOUNT_DISABLED(HttpStatus.FORBIDDEN, "Account locked by an operator"),
	EMAIL_TAKEN(HttpStatus.CONFLICT, "Email already registered"),
	WEAK_PASSWORD(HttpStatus.BAD_REQUEST, "Weak password"),
	PASSWORD_UNCHANGED(HttpStatus.BAD_REQUEST, "New password equals the current one"),
	/**
	 * A reset or verification link that is unknown, expired or spent: one answer for all.
	 */
	INVALID_ACCOUNT_LINK(HttpStatus.BAD_REQUEST, "Invalid or expired link"),
	INVALID_REFRESH_TOKEN(HttpStatus.UNAUTHORIZED, "Invalid refresh token"),
	INVALID_MFA_TOKEN(HttpStatus.UNAUTHORIZED, "Invalid or expired MFA token"),
	MFA_VERIFICATION_FAILED(HttpStatus.UNAUTHORIZED, "MFA code not accepted"),
	MFA_CODE_INVALID(HttpStatus.BAD_REQUEST, "MFA code not accepted"),
	MFA_CODE_REQUIRED(HttpStatus.BAD_REQUEST, "MFA code required"),
	MFA_ALREADY_ENABLED(HttpStatus.CONFLICT, "MFA already enabled"),
	MFA_NOT_PENDING(HttpStatus.CONFLICT, "No MFA enrollment to activate"),
	MFA_NOT_ENROLLED(HttpStatus.CONFLICT, "User has no MFA factor"),
	MFA_LOCKED(HttpStatus.TOO_MANY_REQUESTS, "Second factor locked after repeated wrong codes"),
	REAUTHENTICATION_REQUIRED(HttpStatus.FORBIDDEN, "Confirm with the password"),
	INVALID_API_KEY(HttpStatus.UNAUTHORIZED, "Invalid API key"),
	LIVE_MODE_NOT_ENABLED(HttpStatus.FORBIDDEN, "Live mode not approved for this merchant"),
	LIVE_KEY_REQUIRED(HttpStatus.FORBIDDEN, "Live keys are managed with a live key or by an operator"),
	/** No invitation has this token (never issued, or a newer e-mail replaced it). */
	INVALID_INVITATION(HttpStatus.BAD_REQUEST, "Invalid invitation"),
	INVITATION_EXPIRED(HttpStatus.GONE, "Invitation expired"),
	INVITATION_REVOKED(HttpStatus.GONE, "Invitation revoked"),
	INVITATION_ALREADY_ACCEPTED(HttpStatus.CONFLICT, "Invitation already accepted"),
	/** The signed-in user's address is not the one the invitation was sent to. */
	INVITATION_EMAIL_MISMATCH(HttpStatus.FORBIDDEN, "Invitation sent to another address"),
	EMAIL_NOT_VERIFIED(HttpStatus.FORBIDDEN, "E-mail address not verified"),
	/** A merchant's team always keeps an admin. */
	LAST_ADMIN(HttpStatus.CONFLICT, "The last admin cannot be removed or demoted");

	private final HttpStatus status;

	private final String title;

	AuthError(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

}
