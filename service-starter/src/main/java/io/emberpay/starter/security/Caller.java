package io.emberpay.starter.security;

import java.util.List;
import java.util.Set;

/**
 * Who is calling, as proven by a verified JWT: a mobile user ({@code usr_}), a merchant
 * server ({@code mer_}, via an API key the gateway exchanged for a short-lived token) or
 * an operator. An operator acts as one only with a second factor in the login
 * ({@code amr} holds {@code otp}); without it an admin token is nobody's (see
 * {@link OperatorAccess}).
 */
public record Caller(String id, Kind kind, Set<String> roles, List<String> amr, boolean livemode) {

	public enum Kind {

		USER, MERCHANT, OPERATOR

	}

	public boolean isUser() {
		return this.kind == Kind.USER;
	}

	public boolean isMerchant() {
		return this.kind == Kind.MERCHANT;
	}

	/** An operator whose login used a second factor: every operator power needs both. */
	public boolean isOperator() {
		return this.kind == Kind.OPERATOR && this.amr.contains("otp");
	}

}
