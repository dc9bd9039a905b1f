package io.emberpay.auth.account;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.token.TokenResponse;
import io.emberpay.auth.totp.TotpFactors;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Auth", description = "Sign-up, login, tokens, MFA")
class AccountController {

	private final Accounts accounts;

	private final PasswordPolicy policy;

	private final PasswordEncoder passwords;

	private final LoginService logins;

	private final TotpFactors totp;

	private final SecurityAudit audit;

	private final TransactionTemplate transactions;

	private final AccountRecovery recovery;

	private final Clock clock;

	AccountController(Accounts accounts, PasswordPolicy policy, PasswordEncoder passwords, LoginService logins,
			TotpFactors totp, SecurityAudit audit, TransactionTemplate transactions, AccountRecovery recovery,
			Clock clock) {
		this.recovery = recovery;
		this.accounts = accounts;
		this.policy = policy;
		this.passwords = passwords;
		this.logins = logins;
		this.totp = totp;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@SecurityRequirements
	@PostMapping("/v1/auth/signup")
	@Operation(summary = "Create a user account",
			description = "Password: 12 to 128 characters, not a common password. Answers 409 email_taken when the email is registered.")
	@ApiResponse(responseCode = "201", description = "The new user", useReturnTypeSchema = true)
	ResponseEntity<UserView> signup(@Valid @RequestBody SignupRequest request) {
		String email = Emails.normalize(request.email());
		this.policy.check(request.password(), email);
		Instant now = this.clock.instant();
		UserAccount user = new UserAccount(ResourceIds.next("usr"), email, this.passwords.encode(request.password()),
				List.of("user"), now);
		this.transactions.executeWithoutResult(status -> {
			if (!this.accounts.insert(user)) {
				throw new ApiException(AuthError.EMAIL_TAKEN, "An account with this email exists", "email");
			}
			this.audit.record(new AuthEvent.UserSignedUp(ResourceIds.event(), now, user.id(), RequestOrigin.current()),
					null, SecurityAudit.Outcome.SUCCESS);
			this.recovery.requestVerification(user.id(), now);
		});
		return ResponseEntity.created(URI.create("/v1/users/me")).body(UserView.of(user, false, false));
	}

	@SecurityRequirements
	@PostMapping("/v1/auth/login")
	@Operation(summary = "Log in with email and password",
			description = "Answers tokens, or mfa_required with an mfa_token when MFA is on. Wrong email and wrong "
					+ "password give the same 401; repeated failures from one client address are delayed (429 "
					+ "login_throttled) and lock the login from that address for 30 minutes after 10 (429 "
					+ "account_locked); many failures from all addresses together delay addresses the account "
					+ "never logged in from. All with Retry-After.")
	TokenResponse login(@Valid @RequestBody LoginRequest request) {
		return this.logins.login(request);
	}

	@SecurityRequirements
	@PostMapping("/v1/auth/mfa/verify")
	@Operation(summary = "Second login step: a TOTP code or a recovery code for the mfa_token")
	TokenResponse verifyMfa(@Valid @RequestBody MfaVerifyRequest request) {
		return this.logins.verifyMfa(request.mfaToken(), request.code());
	}

	@GetMapping("/v1/users/me")
	@Operation(summary = "The calling user")
	UserView me(@Parameter(hidden = true) Caller caller) {
		if (caller.isMerchant()) {
			throw ApiException.notFound("user", caller.id());
		}
		UserAccount user = this.accounts.byId(caller.id())
			.orElseThrow(() -> ApiException.notFound("user", caller.id()));
		return UserView.of(user, this.totp.isActive(user.id()), this.accounts.emailVerified(user.id()));
	}

	record SignupRequest(@NotBlank @Size(max = 254) @Email(regexp = Emails.PATTERN) String email,
			@NotNull @Size(max = 1024) String password) {
	}

	record MfaVerifyRequest(@NotBlank @Size(max = 128) String mfaToken,
			@NotBlank @Size(max = 32) @Pattern(regexp = "[0-9A-Za-z -]+") String code) {
	}

	record UserView(String id, String object, String email, boolean emailVerified, boolean mfaEnabled,
			List<String> roles, Instant created) {

		static UserView of(UserAccount user, boolean mfaEnabled, boolean emailVerified) {
			return new UserView(user.id(), "user", user.email(), emailVerified, mfaEnabled, user.roles(),
					user.createdAt());
		}

	}

}
