package io.emberpay.auth.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account recovery by e-mailed links: anyone may call these, the link is the credential.
 */
@RestController
@SecurityRequirements
@Tag(name = "Auth", description = "Sign-up, login, tokens, MFA")
class RecoveryController {

	private final AccountRecovery recovery;

	RecoveryController(AccountRecovery recovery) {
		this.recovery = recovery;
	}

	@PostMapping("/v1/auth/password/forgot")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "E-mail a password reset link",
			description = "Answers 202 whether or not an account has the address, so the answer tells nobody who "
					+ "is registered. The link is single-use and valid 30 minutes; at most 3 are mailed per hour "
					+ "per account. Rate limited per client address at the gateway.")
	void forgot(@Valid @RequestBody ForgotRequest request) {
		this.recovery.forgot(request.email());
	}

	@PostMapping("/v1/auth/password/reset")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Set a new password with the token of a reset link",
			description = "400 invalid_account_link (param token) for an unknown, expired or used token; 400 "
					+ "weak_password (param new_password) leaves the token usable. Success ends every session of "
					+ "the user and lifts login locks of the account; a user with MFA still needs the second factor "
					+ "to log in.")
	void reset(@Valid @RequestBody ResetRequest request) {
		this.recovery.reset(request.token(), request.newPassword());
	}

	@PostMapping("/v1/auth/email/verify")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Confirm the e-mail address with the token of a verification link",
			description = "400 invalid_account_link (param token) for an unknown, expired or used token.")
	void verify(@Valid @RequestBody EmailVerifyRequest request) {
		this.recovery.verify(request.token());
	}

	record ForgotRequest(@NotBlank @Size(max = 254) @Email(regexp = Emails.PATTERN) String email) {
	}

	record ResetRequest(@NotBlank @Size(max = 128) String token, @NotNull @Size(max = 1024) String newPassword) {

		@Override
		public String toString() {
			return "ResetRequest[secrets hidden]";
		}

	}

	record EmailVerifyRequest(@NotBlank @Size(max = 128) String token) {

		@Override
		public String toString() {
			return "EmailVerifyRequest[token hidden]";
		}

	}

}
