package io.emberpay.auth.team;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.auth.AuthError;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.token.AccessTokens;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merchant tokens for the dashboard: a member signed in with a second factor, in a live
 * session, gets a short-lived merchant token like the one the gateway gets for a secret
 * key, naming the member, their role, the session and the membership grant. Live mode
 * only for a merchant approved for it.
 */
@Service
class MemberTokens {

	private final Members members;

	private final AccessTokens tokens;

	private final MerchantTeam team;

	private final AuthProperties.Tokens settings;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MemberTokens(Members members, AccessTokens tokens, MerchantTeam team, AuthProperties properties, JdbcClient jdbc,
			TransactionTemplate transactions, Clock clock) {
		this.members = members;
		this.tokens = tokens;
		this.team = team;
		this.settings = properties.tokens();
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	Issued issue(String userId, List<String> amr, String sessionId, String merchantId, boolean livemode) {
		if (!amr.contains("otp")) {
			throw new ApiException(CommonError.MFA_REQUIRED,
					"The dashboard needs a login with your second factor: enrol TOTP and sign in with a code");
		}
		Instant now = this.clock.instant();
		if (sessionId == null || !sessionOpen(userId, sessionId, now)) {
			throw new ApiException(CommonError.UNAUTHENTICATED, "The login session has ended; sign in again");
		}
		Members.Member member = this.members.find(merchantId, userId)
			.orElseThrow(() -> ApiException.notFound("merchant", merchantId));
		MerchantState merchant = merchantState(merchantId)
			.orElseThrow(() -> ApiException.notFound("merchant", merchantId));
		if (!merchant.active()) {
			throw new ApiException(CommonError.FORBIDDEN, "The merchant is suspended");
		}
		if (livemode && !merchant.liveEnabled()) {
			throw new ApiException(AuthError.LIVE_MODE_NOT_ENABLED, "Live mode is not approved for this merchant",
					"livemode");
		}
		String token = this.tokens.forMember(
				new AccessTokens.Member(merchantId, userId, member.role().column(), sessionId, member.grantId(), amr),
				livemode, this.settings.merchantTtl());
		this.transactions.executeWithoutResult(status -> this.team.changed(merchantId, "merchant_token_issued", userId,
				null, member.role(), userId, now));
		return new Issued(token, "Bearer", this.settings.merchantTtl().toSeconds(), merchantId, member.merchantName(),
				livemode, member.role().column());
	}

	private boolean sessionOpen(String userId, String sessionId, Instant now) {
		return this.jdbc
			.sql("select count(*) from auth_session where id = ? and user_id = ? and revoked_at is null"
					+ " and expires_at > ?")
			.params(sessionId, userId, Timestamp.from(now))
			.query(Long.class)
			.single() == 1;
	}

	private Optional<MerchantState> merchantState(String merchantId) {
		return this.jdbc.sql("select status, live_enabled from merchant where id = ?")
			.param(merchantId)
			.query((rs, n) -> new MerchantState("active".equals(rs.getString(1)), rs.getBoolean(2)))
			.optional();
	}

	private record MerchantState(boolean active, boolean liveEnabled) {
	}

	record Issued(String accessToken, String tokenType, long expiresIn, String merchant, String merchantName,
			boolean livemode, String role) {

		@Override
		public String toString() {
			return "Issued[merchant=" + this.merchant + ", role=" + this.role + "]";
		}

	}

}
