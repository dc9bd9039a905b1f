package io.emberpay.auth.mfa;

import java.time.Clock;
import java.util.List;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.account.Accounts;
import io.emberpay.auth.account.UserAccount;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

	private final SecurityAudit audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MfaController(TotpFactors factors, Accounts accounts, SecurityAudit audit, TransactionTemplate transactions,
			Clock clock) {
		this.factors = factors;
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@PostMapping("/v1/auth/mfa/totp")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Start TOTP enrollment",
			description = "Answers the secret and an otpauth:// URI (RFC 6238, SHA-1, 6 digits, 30 s) for an "
					+ "authenticator app; activate it with a first code.")
	TotpFactors.Enrollment enroll(@Parameter(hidden = true) Caller caller) {
		UserAccount user = user(caller);
		return this.transactions.execute(status -> {
			TotpFactors.Enrollment enrollment = this.factors.enroll(user.id(), user.email());
			changed(user.id(), "totp_enrollment_started");
			return enrollment;
		});
	}

	@PostMapping("/v1/auth/mfa/totp/activate")
	@Operation(summary = "Activate TOTP with a first code",
			description = "Answers single-use recovery codes, shown only this once. Later logins need a code.")
	RecoveryCodes activate(@Parameter(hidden = true) Caller caller, @Valid @RequestBody ActivateRequest request) {
		UserAccount user = user(caller);
		return this.transactions.execute(status -> {
			List<String> codes = this.factors.activate(user.id(), request.code());
			changed(user.id(), "totp_activated");
			return new RecoveryCodes(codes);
		});
	}

	@PostMapping("/v1/auth/mfa/totp/disable")
	@Operation(summary = "Turn TOTP off",
			description = "Needs a current code or a recovery code. Removes the " + "secret and the recovery codes.")
	ResponseEntity<Void> disable(@Parameter(hidden = true) Caller caller, @Valid @RequestBody DisableRequest request) {
		UserAccount user = user(caller);
		this.transactions.executeWithoutResult(status -> {
			if (this.factors.verify(user.id(), request.code(), true).isEmpty()) {
				throw new ApiException(AuthError.MFA_CODE_INVALID, "The code is wrong, expired or already used",
						"code");
			}
			this.factors.remove(user.id());
			changed(user.id(), "totp_disabled");
		});
		return ResponseEntity.noContent().build();
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

	record ActivateRequest(@NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String code) {
	}

	record DisableRequest(@NotBlank @Size(max = 32) @Pattern(regexp = "[0-9A-Za-z -]+") String code) {
	}

	record RecoveryCodes(List<String> recoveryCodes) {
	}

}
