package io.emberpay.auth.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.crypto.SecretDigests;
import io.emberpay.auth.crypto.SecretSealer;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' TOTP factors and recovery codes. Secrets are sealed at rest; the last accepted
 * step is kept per user so no code is accepted twice, whichever flow presents it.
 */
@Component
public class TotpFactors {

	private static final int SECRET_BYTES = 20;

	private final JdbcClient jdbc;

	private final SecretSealer sealer;

	private final SecretDigests digests;

	private final FactorThrottle throttle;

	private final AuthProperties.Mfa settings;

	private final Clock clock;

	TotpFactors(JdbcClient jdbc, SecretSealer sealer, SecretDigests digests, FactorThrottle throttle,
			AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.throttle = throttle;
		this.sealer = sealer;
		this.digests = digests;
		this.settings = properties.mfa();
		this.clock = clock;
	}

	public boolean isActive(String userId) {
		return this.jdbc.sql("select count(*) from totp_factor where user_id = ? and status = 'active'")
			.param(userId)
			.query(Long.class)
			.single() > 0;
	}

	/** Starts (or restarts) enrollment with a fresh secret. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Enrollment enroll(String userId, String email) {
		if (isActive(userId)) {
			throw new ApiException(AuthError.MFA_ALREADY_ENABLED, "TOTP is already active for this user");
		}
		byte[] secret = SecretDigests.randomBytes(SECRET_BYTES);
		this.jdbc.sql("""
				insert into totp_factor (user_id, sealed_secret, status, created_at) values (?, ?, 'pending', ?)
				on conflict (user_id) do update set sealed_secret = excluded.sealed_secret, last_used_step = -1,
				    created_at = excluded.created_at""")
			.params(userId, this.sealer.seal(secret, userId), Timestamp.from(this.clock.instant()))
			.update();
		String encoded = Base32.encode(secret);
		String label = encode(this.settings.issuer()) + ":" + encode(email);
		String uri = "otpauth://totp/" + label + "?secret=" + encoded + "&issuer=" + encode(this.settings.issuer())
				+ "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
		return new Enrollment(encoded, uri);
	}

	/** Activates a pending factor with its first code; answers the recovery codes. */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<String> activate(String userId, String code) {
		Factor factor = lock(userId).filter(f -> f.status().equals("pending"))
			.orElseThrow(() -> new ApiException(AuthError.MFA_NOT_PENDING, "Start TOTP enrollment first"));
		OptionalLong step = Totp.matchingStep(factor.secret(), code, this.clock.instant(), factor.lastUsedStep());
		if (step.isEmpty()) {
			throw new ApiException(AuthError.MFA_CODE_INVALID, "The code does not match the enrolled secret", "code");
		}
		this.jdbc
			.sql("update totp_factor set status = 'active', activated_at = ?, last_used_step = ? where user_id = ?")
			.params(Timestamp.from(this.clock.instant()), step.getAsLong(), userId)
			.update();
		return newRecoveryCodes(userId);
	}

	private List<String> newRecoveryCodes(String userId) {
		this.jdbc.sql("delete from recovery_code where user_id = ?").param(userId).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < this.settings.recoveryCodes(); i++) {
			String raw = Base32.encode(SecretDigests.randomBytes(7)).substring(0, 10).toLowerCase(Locale.ROOT);
			codes.add(raw.substring(0, 5) + "-" + raw.substring(5));
			this.jdbc.sql("insert into recovery_code (user_id, code_hash) values (?, ?)")
				.params(userId, this.digests.peppered(userId + ":" + raw))
				.update();
		}
		return codes;
	}

	/**
	 * Checks a code of the user's active factor and spends it, under the user's factor
	 * lockout: every wrong code counts, a right one resets the count. The check answers
	 * the factor used ({@code otp}, or {@code recovery} when allowed and a recovery code
	 * matched), or the refusal; commit before answering a refusal so the count holds.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public CodeCheck check(String userId, String code, boolean allowRecovery) {
		FactorThrottle.Gate gate = this.throttle.enter(userId);
		if (gate.refusal() != null) {
			return new CodeCheck(null, gate.refusal(), null);
		}
		Optional<String> factor = matching(userId, code, allowRecovery);
		if (factor.isPresent()) {
			this.throttle.pass(gate);
			return new CodeCheck(factor.get(), null, null);
		}
		Instant lockedUntil = this.throttle.fail(gate);
		return new CodeCheck(null, null, lockedUntil);
	}

	private Optional<String> matching(String userId, String code, boolean allowRecovery) {
		Optional<Factor> factor = lock(userId).filter(f -> f.status().equals("active"));
		if (factor.isEmpty()) {
			return Optional.empty();
		}
		OptionalLong step = Totp.matchingStep(factor.get().secret(), code, this.clock.instant(),
				factor.get().lastUsedStep());
		if (step.isPresent()) {
			this.jdbc.sql("update totp_factor set last_used_step = ? where user_id = ?")
				.params(step.getAsLong(), userId)
				.update();
			return Optional.of("otp");
		}
		if (allowRecovery) {
			String normalized = code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
			int spent = this.jdbc
				.sql("update recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null")
				.params(Timestamp.from(this.clock.instant()), userId, this.digests.peppered(userId + ":" + normalized))
				.update();
			if (spent == 1) {
				return Optional.of("recovery");
			}
		}
		return Optional.empty();
	}

	/** Replaces the user's recovery codes; answers the new ones, shown only this once. */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<String> regenerateRecoveryCodes(String userId) {
		if (!isActive(userId)) {
			throw new ApiException(AuthError.MFA_NOT_ENROLLED, "The user has no active MFA factor");
		}
		return newRecoveryCodes(userId);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void remove(String userId) {
		this.jdbc.sql("delete from recovery_code where user_id = ?").param(userId).update();
		this.jdbc.sql("delete from totp_factor where user_id = ?").param(userId).update();
	}

	private Optional<Factor> lock(String userId) {
		return this.jdbc
			.sql("select sealed_secret, status, last_used_step from totp_factor where user_id = ? for update")
			.param(userId)
			.query((rs, n) -> new Factor(this.sealer.open(rs.getBytes("sealed_secret"), userId), rs.getString("status"),
					rs.getLong("last_used_step")))
			.optional();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * The outcome of a code check: the factor that matched, or the refusal of a locked
	 * factor, or a wrong code ({@code lockedUntil} set when it locked the factor).
	 */
	public record CodeCheck(String factor, ApiException locked, Instant lockedUntil) {

		public boolean passed() {
			return this.factor != null;
		}

	}

	/**
	 * What an authenticator app needs: the base32 secret and the otpauth URI (QR code).
	 */
	public record Enrollment(String secret, String otpauthUri) {
	}

	private record Factor(byte[] secret, String status, long lastUsedStep) {
	}

}
