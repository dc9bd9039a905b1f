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

		/**
		 * The merchant dashboard: with a merchant's secret test key, or as a member of
		 * the merchant's team with a merchant token issued for their login with a second
		 * factor ({@link #member()}).
		 */
		MERCHANT,
		/**
		 * A member of several merchants' teams, signed in with a second factor, who has
		 * not picked one yet.
		 */
		CHOOSING,
		/** A user with the admin role and a second factor in this login. */
		OPERATOR,
		/**
		 * An operator account, or a merchant team member's, that must enrol TOTP before
		 * anything else.
		 */
		ENROLLING

	}

	private final Kind kind;

	private final String subject;

	private final String name;

	private volatile boolean livemode;

	private volatile String bearer;

	private volatile String refreshToken;

	/** A team member's: who they are, their role, and their own access token. */
	private volatile Member member;

	private volatile String userBearer;

	ConsoleSession(Kind kind, String subject, String name, boolean livemode, String bearer, String refreshToken) {
		this(kind, subject, name, livemode, bearer, refreshToken, null, null);
	}

	private ConsoleSession(Kind kind, String subject, String name, boolean livemode, String bearer, String refreshToken,
			Member member, String userBearer) {
		this.kind = kind;
		this.subject = subject;
		this.name = name;
		this.livemode = livemode;
		this.bearer = bearer;
		this.refreshToken = refreshToken;
		this.member = member;
		this.userBearer = userBearer;
	}

	/**
	 * A team member signed in with a second factor who has yet to pick a merchant: the
	 * bearer is their own access token.
	 */
	static ConsoleSession choosing(String userId, String email, String access, String refreshToken) {
		return new ConsoleSession(Kind.CHOOSING, userId, email, false, access, refreshToken,
				new Member(userId, email, null), access);
	}

	/**
	 * A team member working on {@code merchant} with the merchant token issued to them.
	 */
	static ConsoleSession member(String merchant, String merchantName, String role, boolean livemode,
			String merchantToken, ConsoleSession signedIn) {
		return new ConsoleSession(Kind.MERCHANT, merchant, merchantName, livemode, merchantToken, signedIn.refreshToken,
				new Member(signedIn.member.user(), signedIn.member.email(), role), signedIn.userBearer);
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

	/** Signed in as a member of the merchant's team rather than with its key. */
	public boolean member() {
		return this.member != null && this.kind == Kind.MERCHANT;
	}

	/**
	 * The member's role ({@code admin}, {@code developer}, {@code view_only}), or null.
	 */
	public String memberRole() {
		return (this.member != null) ? this.member.role() : null;
	}

	/** May manage the team: the merchant's key acts as an admin. */
	public boolean teamAdmin() {
		return this.kind == Kind.MERCHANT && (this.member == null || "admin".equals(this.member.role()));
	}

	/** The member's own user id and e-mail, or null for a key or an operator. */
	public String memberUser() {
		return (this.member != null) ? this.member.user() : null;
	}

	public String memberEmail() {
		return (this.member != null) ? this.member.email() : null;
	}

	/** The member's own access token (not the merchant token), or null. */
	String userBearer() {
		return this.userBearer;
	}

	void userRenewed(String access, String refreshToken) {
		this.userBearer = access;
		this.refreshToken = refreshToken;
		if (this.kind == Kind.CHOOSING) {
			this.bearer = access;
		}
	}

	/** A new merchant token; {@code role} as it is now (an admin may have changed it). */
	void merchantTokenRenewed(String merchantToken, boolean livemode, String role) {
		this.bearer = merchantToken;
		this.livemode = livemode;
		this.member = new Member(this.member.user(), this.member.email(), role);
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

	private record Member(String user, String email, String role) implements Serializable {
	}

	@Override
	public String toString() {
		// never the credential: a session may end up in a log line
		return "ConsoleSession[" + this.kind + " " + this.subject + "]";
	}

}
