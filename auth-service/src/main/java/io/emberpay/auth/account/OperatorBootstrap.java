package io.emberpay.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes an operator account (roles {@code user} and {@code admin}) without SQL by hand:
 * the first operator of a new platform. The account has no second factor yet, so it can
 * do nothing as an operator ({@code OperatorAccess} wants {@code otp} in the login) until
 * it enrols TOTP, which the console demands at its first sign-in. Running it again for
 * the same operator changes nothing; an existing account that is not an operator is never
 * promoted this way.
 */
@Component
public class OperatorBootstrap {

	/** Recorded as the actor of the audit entry: no person was signed in. */
	static final String ACTOR = "operator-bootstrap";

	private final Accounts accounts;

	private final PasswordEncoder passwords;

	private final PasswordPolicy policy;

	private final SecurityAudit audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	OperatorBootstrap(Accounts accounts, PasswordEncoder passwords, PasswordPolicy policy, SecurityAudit audit,
			TransactionTemplate transactions, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.policy = policy;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Creates the operator; {@code password} null or blank generates a one-time password
	 * the result carries.
	 */
	public Result create(String rawEmail, String password) {
		String email = Emails.normalize(rawEmail);
		if (!email.matches(Emails.PATTERN) || email.length() > 254) {
			throw new IllegalArgumentException("Not an e-mail address: " + rawEmail);
		}
		boolean generated = password == null || password.isBlank();
		String initial = generated ? SecretDigests.randomToken("", 18) : password;
		this.policy.check(initial, email);
		var existing = this.accounts.byEmail(email);
		if (existing.isPresent()) {
			if (existing.get().roles().contains("admin")) {
				return new Result(existing.get().id(), email, Result.Status.EXISTS, null);
			}
			throw new IllegalStateException("An account with " + email + " exists and is not an operator; "
					+ "choose another e-mail for the operator");
		}
		Instant now = this.clock.instant();
		UserAccount operator = new UserAccount(ResourceIds.next("usr"), email, this.passwords.encode(initial),
				List.of("user", "admin"), now);
		boolean inserted = Boolean.TRUE.equals(this.transactions.execute(status -> {
			if (!this.accounts.insert(operator)) {
				return false;
			}
			this.audit.record(new AuthEvent.UserSignedUp(ResourceIds.event(), now, operator.id(), null), ACTOR,
					SecurityAudit.Outcome.SUCCESS);
			return true;
		}));
		if (!inserted) {
			// made by a concurrent run between the check and the insert
			return create(rawEmail, password);
		}
		return new Result(operator.id(), email, Result.Status.CREATED, generated ? initial : null);
	}

	/**
	 * What the bootstrap did; {@code generatedPassword} is set only when it made one up.
	 */
	public record Result(String userId, String email, Status status, String generatedPassword) {

		public enum Status {

			CREATED, EXISTS

		}

		@Override
		public String toString() {
			return "Result[" + this.userId + " " + this.email + " " + this.status + "]";
		}

	}

}
