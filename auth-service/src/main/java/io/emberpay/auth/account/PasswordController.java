package io.emberpay.auth.account;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The calling user changing their own password; nobody else's. */
@RestController
@Tag(name = "Users", description = "The calling user and their devices")
class PasswordController {

	private final PasswordChanges changes;

	PasswordController(PasswordChanges changes) {
		this.changes = changes;
	}

	@PostMapping("/v1/users/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Change the calling user's password",
			description = "Needs the current password and, when MFA is on, a TOTP or recovery code as mfa_code "
					+ "(400 mfa_code_required without one, 401 mfa_verification_failed for a wrong or reused one). "
					+ "A wrong current password answers 401 invalid_credentials and counts as a failed login: "
					+ "progressive delay (429 login_throttled) and a 30-minute lock of the client address after 10 "
					+ "failures (429 account_locked), both with Retry-After. Wrong codes count towards the factor "
					+ "lockout (429 mfa_locked). The new password follows the sign-up rules "
					+ "(400 weak_password) and must differ from the current one (400 password_unchanged), both "
					+ "with param new_password. Answers 204 and ends every session of the user: refresh tokens "
					+ "stop working at once, access tokens at their expiry (at most 15 minutes); log in again "
					+ "with the new password.")
	void change(@Parameter(hidden = true) Caller caller, @Valid @RequestBody PasswordChangeRequest request) {
		if (caller.isMerchant()) {
			throw ApiException.notFound("user", caller.id());
		}
		this.changes.change(caller.id(), request);
	}

}
