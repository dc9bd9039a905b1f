package io.emberpay.auth.mfa;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.emberpay.starter.security.InternalCallers;
import io.emberpay.auth.AuthError;
import io.emberpay.auth.account.Accounts;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.totp.TotpFactors;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Step-up for payment-service (internal, never routed by the gateway): a challenge is
 * opened for one user and one payment, and passes at most once, with a TOTP code the user
 * has not used before, for that payment only.
 */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class StepUpController {

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final TotpFactors factors;

	private final SecurityAudit audit;

	private final TransactionTemplate transactions;

	private final AuthProperties.Mfa settings;

	private final Clock clock;

	StepUpController(JdbcClient jdbc, Accounts accounts, TotpFactors factors, SecurityAudit audit,
			TransactionTemplate transactions, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.factors = factors;
		this.audit = audit;
		this.transactions = transactions;
		this.settings = properties.mfa();
		this.clock = clock;
	}

	@InternalCallers("payment-service")
	@PostMapping("/internal/v1/step_up/challenges")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Open a step-up challenge for one payment",
			description = "409 mfa_not_enrolled when the user has no active TOTP factor. Replaces any open challenge "
					+ "for the same payment.")
	Challenge open(@Valid @RequestBody ChallengeRequest request) {
		if (this.accounts.byId(request.user()).isEmpty()) {
			throw ApiException.notFound("user", request.user());
		}
		if (!this.factors.isActive(request.user())) {
			throw new ApiException(AuthError.MFA_NOT_ENROLLED, "The user has no active MFA factor", "user");
		}
		Instant now = this.clock.instant();
		Challenge challenge = new Challenge(ResourceIds.next("chl"), "totp", now.plus(this.settings.stepUpTtl()));
		this.transactions.executeWithoutResult(status -> {
			this.jdbc
				.sql("update step_up_challenge set status = 'failed' where user_id = ? and payment_id = ?"
						+ " and status = 'pending'")
				.params(request.user(), request.payment())
				.update();
			this.jdbc
				.sql("insert into step_up_challenge (id, user_id, payment_id, status, created_at, expires_at)"
						+ " values (?, ?, ?, 'pending', ?, ?)")
				.params(challenge.challenge(), request.user(), request.payment(), Timestamp.from(now),
						Timestamp.from(challenge.expiresAt()))
				.update();
		});
		return challenge;
	}

	@InternalCallers("payment-service")
	@PostMapping("/internal/v1/step_up/verify")
	@Operation(summary = "Answer the open step-up challenge of a payment with a TOTP code",
			description = "verified is true at most once per challenge and only for the payment it was opened for; "
					+ "a code already used anywhere is refused. After too many wrong codes the challenge fails; "
					+ "wrong codes also count towards the user's factor lockout (MFA login, disable, step-up).")
	Verification verify(@Valid @RequestBody VerifyRequest request) {
		return this.transactions.execute(status -> verifyLocked(request));
	}

	private Verification verifyLocked(VerifyRequest request) {
		Instant now = this.clock.instant();
		Optional<OpenChallenge> open = this.jdbc.sql("""
				select id, attempts from step_up_challenge
				where user_id = ? and payment_id = ? and status = 'pending' and expires_at > ?
				order by created_at desc limit 1 for update""")
			.params(request.user(), request.payment(), Timestamp.from(now))
			.query((rs, n) -> new OpenChallenge(rs.getString("id"), rs.getInt("attempts")))
			.optional();
		if (open.isEmpty()) {
			return new Verification(false);
		}
		String id = open.get().id();
		// step-up codes are guesses at the same TOTP secret as logins: they share the
		// user's factor lockout
		TotpFactors.CodeCheck check = this.factors.check(request.user(), request.code(), false);
		boolean passed = check.passed();
		if (check.lockedUntil() != null) {
			this.audit.record(new AuthEvent.AccountLocked(ResourceIds.event(), now, request.user(), check.lockedUntil(),
					RequestOrigin.current()), null, SecurityAudit.Outcome.FAILURE);
		}
		boolean exhausted = !passed && open.get().attempts() + 1 >= this.settings.maxAttempts();
		this.jdbc.sql("update step_up_challenge set attempts = attempts + 1, status = ?, passed_at = ? where id = ?")
			.params(passed ? "passed" : (exhausted ? "failed" : "pending"), passed ? Timestamp.from(now) : null, id)
			.update();
		this.audit.record(
				new AuthEvent.StepUpCompleted(ResourceIds.event(), now, request.user(), request.payment(), id, passed,
						RequestOrigin.current()),
				null, passed ? SecurityAudit.Outcome.SUCCESS : SecurityAudit.Outcome.FAILURE);
		return new Verification(passed);
	}

	record ChallengeRequest(@NotBlank @Size(max = 40) @Pattern(regexp = "usr_[0-9a-z]+") String user,
			@NotBlank @Size(max = 64) @Pattern(regexp = "pay_[0-9a-z]+") String payment) {
	}

	record VerifyRequest(@NotBlank @Size(max = 40) @Pattern(regexp = "usr_[0-9a-z]+") String user,
			@NotBlank @Size(max = 64) @Pattern(regexp = "pay_[0-9a-z]+") String payment,
			@NotBlank @Size(max = 16) String code) {
	}

	record Challenge(String challenge, String method, Instant expiresAt) {
	}

	record Verification(boolean verified) {
	}

	private record OpenChallenge(String id, int attempts) {
	}

}
