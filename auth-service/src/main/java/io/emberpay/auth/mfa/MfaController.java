package io.emberpay.auth.mfa;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.account.Accounts;
import io.emberpay.auth.account.Reauthentication;
import io.emberpay.auth.account.UserAccount;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.totp.TotpFactors;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Auth", description = "Sign-up, login, tokens, MFA")
class MfaController {

	private final TotpFactors factors;

	private final Accounts accounts;

	private final Reauthentication reauthentication;

	private final SecurityAudit audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MfaController(TotpFactors factors, Accounts accounts, Reauthentication reauthentication, SecurityAudit audit,
			TransactionTemplate transactions, Clock clock) {
		this.factors = factors;
		this.reauthentication = reauthentication;
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@PostMapping("/v1/auth/mfa/totp")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Start TOTP enrollment",
			description = "Answers the secret and an otpauth:// URI (RFC 6238, SHA-1, 6 digits, 30 s) for an "
					+ "authenticator app; activate it with a first code. Needs the current password, or a login "
					+ "within the last 5 minutes (403 reauthentication_required).")
	TotpFactors.Enrollment enroll(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@Valid @RequestBody(required = false) Confirmation request) {
		UserAccount user = user(caller);
		String password = (request != null) ? request.password() : null;
		return answer(this.transactions.execute(status -> {
			Optional<ApiException> refusal = this.reauthentication.confirm(user, jwt.getClaimAsString("sid"), password);
			if (refusal.isPresent()) {
				return Outcome.<TotpFactors.Enrollment>refused(refusal.get());
			}
			TotpFactors.Enrollment enrollment = this.factors.enroll(user.id(), user.email());
			changed(user.id(), "totp_enrollment_started");
			return Outcome.answered(enrollment);
		}));
	}

	@PostMapping("/v1/auth/mfa/totp/activate")
	@Operation(summary = "Activate TOTP with a first code",
			description = "Answers single-use recovery codes, shown only this once. Later logins need a code. Needs "
					+ "the current password, or a login within the last 5 minutes.")
	RecoveryCodes activate(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ActivateRequest request) {
		UserAccount user = user(caller);
		return answer(this.transactions.execute(status -> {
			Optional<ApiException> refusal = this.reauthentication.confirm(user, jwt.getClaimAsString("sid"),
					request.password());
			if (refusal.isPresent()) {
				return Outcome.<RecoveryCodes>refused(refusal.get());
			}
			List<String> codes = this.factors.activate(user.id(), request.code());
			changed(user.id(), "totp_activated");
			return Outcome.answered(new RecoveryCodes(codes));
		}));
	}

	@PostMapping("/v1/auth/mfa/totp/disable")
	@Operation(summary = "Turn TOTP off",
			description = "Needs a current code or a recovery code, and the current password or a login within the "
					+ "last 5 minutes. Wrong codes count towards the factor lockout. Removes the secret and the "
					+ "recovery codes.")
	@ApiResponse(responseCode = "204", description = "TOTP is off")
	ResponseEntity<Void> disable(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody DisableRequest request) {
		UserAccount user = user(caller);
		answer(this.transactions.execute(status -> {
			Optional<ApiException> refusal = this.reauthentication.confirm(user, jwt.getClaimAsString("sid"),
					request.password());
			if (refusal.isPresent()) {
				return Outcome.<Void>refused(refusal.get());
			}
			TotpFactors.CodeCheck check = this.factors.check(user.id(), request.code(), true);
			if (check.locked() != null) {
				return Outcome.<Void>refused(check.locked());
			}
			if (!check.passed()) {
				if (check.lockedUntil() != null) {
					this.audit.record(new AuthEvent.AccountLocked(ResourceIds.event(), this.clock.instant(), user.id(),
							check.lockedUntil(), RequestOrigin.current()), null, SecurityAudit.Outcome.FAILURE);
				}
				return Outcome.<Void>refused(new ApiException(AuthError.MFA_CODE_INVALID,
						"The code is wrong, expired or already used", "code"));
			}
			this.factors.remove(user.id());
			changed(user.id(), "totp_disabled");
			return Outcome.<Void>answered(null);
		}));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/v1/auth/mfa/totp/recovery_codes")
	@Operation(summary = "Replace the recovery codes",
			description = "Answers new single-use recovery codes, shown only this once; the old ones stop working. "
					+ "Needs the current password, or a login within the last 5 minutes.")
	RecoveryCodes regenerateRecoveryCodes(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@Valid @RequestBody(required = false) Confirmation request) {
		UserAccount user = user(caller);
		String password = (request != null) ? request.password() : null;
		return answer(this.transactions.execute(status -> {
			Optional<ApiException> refusal = this.reauthentication.confirm(user, jwt.getClaimAsString("sid"), password);
			if (refusal.isPresent()) {
				return Outcome.<RecoveryCodes>refused(refusal.get());
			}
			List<String> codes = this.factors.regenerateRecoveryCodes(user.id());
			changed(user.id(), "recovery_codes_regenerated");
			return Outcome.answered(new RecoveryCodes(codes));
		}));
	}

	/** Throws a refusal only now, after its transaction (counted failures) committed. */
	private static <T> T answer(Outcome<T> outcome) {
		if (outcome.refusal() != null) {
			throw outcome.refusal();
		}
		return outcome.value();
	}

	private UserAccount user(Caller caller) {
		if (caller.isMerchant()) {
			throw ApiException.notFound("user", caller.id());
		}
		return this.accounts.byId(caller.id()).orElseThrow(() -> ApiException.notFound("user", caller.id()));
	}

	private void changed(String userId, String change) {
		this.audit.record(new AuthEvent.MfaChanged(ResourceIds.event(), this.clock.instant(), userId, change,
				RequestOrigin.current()), null, SecurityAudit.Outcome.SUCCESS);
	}

	/** The current password; may be left out within 5 minutes of a login. */
	record Confirmation(@Size(max = 1024) String password) {

		/** Keeps the password out of any log line that prints the request. */
		@Override
		public String toString() {
			return "Confirmation[password=***]";
		}

	}

	record ActivateRequest(@NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String code,
			@Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "ActivateRequest[code=***, password=***]";
		}

	}

	record DisableRequest(@NotBlank @Size(max = 32) @Pattern(regexp = "[0-9A-Za-z -]+") String code,
			@Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "DisableRequest[code=***, password=***]";
		}

	}

	private record Outcome<T>(T value, ApiException refusal) {

		static <T> Outcome<T> answered(T value) {
			return new Outcome<>(value, null);
		}

		static <T> Outcome<T> refused(ApiException refusal) {
			return new Outcome<>(null, refusal);
		}

	}

	record RecoveryCodes(List<String> recoveryCodes) {
	}

}
