package io.emberpay.auth.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.emberpay.auth.AuthError;
import io.emberpay.starter.problem.ApiException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B style password rules: length 12..128 characters (Unicode code points),
 * no composition rules, refused when it is a known common password or built from the
 * account's own email.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	private final Set<String> common;

	PasswordPolicy() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
			this.common = reader.lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.map(line -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("common password list missing", ex);
		}
	}

	void check(String password, String email) {
		check(password, email, "password");
	}

	/** Checks a password submitted in the request field {@code param}. */
	void check(String password, String email, String param) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			throw weak("Password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long", param);
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (this.common.contains(lower)) {
			throw weak("Password is too common; choose a longer passphrase", param);
		}
		if (lower.codePoints().distinct().count() < 4) {
			throw weak("Password repeats too few characters", param);
		}
		String localPart = email.substring(0, email.indexOf('@'));
		if (lower.contains(email) || (localPart.length() >= 4 && lower.contains(localPart))) {
			throw weak("Password must not contain the email address", param);
		}
	}

	private static ApiException weak(String detail, String param) {
		return new ApiException(AuthError.WEAK_PASSWORD, detail, param);
	}

}
