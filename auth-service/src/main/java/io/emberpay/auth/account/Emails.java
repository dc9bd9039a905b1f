package io.emberpay.auth.account;

import java.util.Locale;

/** Emails are compared and stored trimmed and in lower case. */
public final class Emails {

	/** Pragmatic shape check beside Jakarta's @Email, which accepts {@code a@b}. */
	public static final String PATTERN = "^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$";

	private Emails() {
	}

	public static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

}
