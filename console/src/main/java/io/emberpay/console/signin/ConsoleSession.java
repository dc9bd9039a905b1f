package io.emberpay.console.signin;

import java.io.Serial;
import java.io.Serializable;

/**
 * Who is signed in to this browser session and the credential the console calls the API
 * with on their behalf. Kept only in the server-side session: the browser holds nothing
 * but the session cookie.
 */
public final class ConsoleSession implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** What the person signed in as. */
	public enum Kind {

		/** A merchant's secret test key: the merchant dashboard in test mode. */
		MERCHANT,
		/** A user with the admin role and a second factor in this login. */
		OPERATOR,
		/** An operator account that must enrol TOTP before anything else. */
		ENROLLING

	}

	private final Kind kind;

	private final String subject;

	private final String name;

	private final boolean livemode;

	private volatile String bearer;

	private volatile String refreshToken;

	ConsoleSession(Kind kind, String subject, String name, boolean livemode, String bearer, String refreshToken) {
		this.kind = kind;
		this.subject = subject;
		this.name = name;
		this.livemode = livemode;
		this.bearer = bearer;
		this.refreshToken = refreshToken;
	}

	public Kind kind() {
		return this.kind;
	}

	/** The merchant ({@code mer_}) or the operator's user ({@code usr_}). */
	public String subject() {
		return this.subject;
	}

	public String name() {
		return this.name;
	}

	public boolean livemode() {
		return this.livemode;
	}

	public boolean merchant() {
		return this.kind == Kind.MERCHANT;
	}

	public boolean operator() {
		return this.kind == Kind.OPERATOR;
	}

	public String bearer() {
		return this.bearer;
	}

	String refreshToken() {
		return this.refreshToken;
	}

	void renewed(String bearer, String refreshToken) {
		this.bearer = bearer;
		this.refreshToken = refreshToken;
	}

	@Override
	public String toString() {
		// never the credential: a session may end up in a log line
		return "ConsoleSession[" + this.kind + " " + this.subject + "]";
	}

}
