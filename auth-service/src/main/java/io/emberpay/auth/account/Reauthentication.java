package io.emberpay.auth.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proof that the person holding a session is its user, before a change a session thief
 * must not make (second factors, recovery codes): the current password, checked under the
 * login throttle like any password, or a login of this session within
 * {@code mfa.recentLogin}. A refreshed token keeps its session's login time.
 */
@Component
public class Reauthentication {

	private final Accounts accounts;

	private final LoginThrottle throttle;

	private final PasswordEncoder passwords;

	private final SecurityAudit audit;

	private final JdbcClient jdbc;

	private final AuthProperties.Mfa settings;

	private final Clock clock;

	Reauthentication(Accounts accounts, LoginThrottle throttle, PasswordEncoder passwords, SecurityAudit audit,
			JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.accounts = accounts;
		this.throttle = throttle;
		this.passwords = passwords;
		this.audit = audit;
		this.jdbc = jdbc;
		this.settings = properties.mfa();
		this.clock = clock;
	}

	/**
	 * Answers the refusal to give, if any; a wrong password is counted, so commit before
	 * answering the refusal.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<ApiException> confirm(UserAccount user, String sessionId, String password) {
		Instant now = this.clock.instant();
		if (password == null || password.isEmpty()) {
			if (recentLogin(user.id(), sessionId, now)) {
				return Optional.empty();
			}
			return Optional.of(new ApiException(AuthError.REAUTHENTICATION_REQUIRED,
					"Send the current password as password, or log in again first", "password"));
		}
		LoginThrottle.Gate gate = this.throttle.enter(user.email(), RequestOrigin.current());
		if (gate.refusal() != null) {
			return Optional.of(gate.refusal());
		}
		UserAccount current = this.accounts.byId(user.id()).orElseThrow();
		if (!this.passwords.matches(password, current.passwordHash())) {
			Instant lockedUntil = this.throttle.fail(gate);
			this.audit.record(new AuthEvent.LoginFailed(ResourceIds.event(), now, user.id(), "bad_credentials",
					RequestOrigin.current()), null, SecurityAudit.Outcome.FAILURE);
			if (lockedUntil != null) {
				this.audit.record(new AuthEvent.AccountLocked(ResourceIds.event(), now, user.id(), lockedUntil,
						RequestOrigin.current()), null, SecurityAudit.Outcome.FAILURE);
			}
			return Optional.of(LoginService.invalidCredentials());
		}
		this.throttle.pass(gate);
		return Optional.empty();
	}

	private boolean recentLogin(String userId, String sessionId, Instant now) {
		if (sessionId == null) {
			return false;
		}
		return this.jdbc.sql("""
				select count(*) from auth_session
				where id = ? and user_id = ? and revoked_at is null and created_at > ?""")
			.params(sessionId, userId, Timestamp.from(now.minus(this.settings.recentLogin())))
			.query(Long.class)
			.single() > 0;
	}

}
