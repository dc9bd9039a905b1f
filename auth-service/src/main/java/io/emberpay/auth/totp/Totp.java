package io.emberpay.auth.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords (HOTP of RFC 4226 over 30-second steps). The
 * platform uses HMAC-SHA1 and 6 digits, the parameters every authenticator app reads.
 */
public final class Totp {

	public static final int STEP_SECONDS = 30;

	public static final int DIGITS = 6;

	static final String ALGORITHM = "HmacSHA1";

	/** Codes of the previous and next step are accepted too (clock drift). */
	static final int DRIFT_STEPS = 1;

	private static final int[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

	private Totp() {
	}

	public static long step(Instant time) {
		return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
	}

	/** The code of {@code step} (RFC 4226 section 5.3 dynamic truncation). */
	static String code(byte[] secret, long step, String algorithm, int digits) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(secret, "RAW"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			String code = Integer.toString(binary % POWERS[digits]);
			return "0".repeat(digits - code.length()) + code;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String code(byte[] secret, long step) {
		return code(secret, step, ALGORITHM, DIGITS);
	}

	/**
	 * The step whose code {@code candidate} is, within the drift window around
	 * {@code now} and after {@code lastUsedStep} (a code is good once), or empty.
	 */
	static OptionalLong matchingStep(byte[] secret, String candidate, Instant now, long lastUsedStep) {
		if (candidate == null || candidate.length() != DIGITS || !candidate.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		long current = step(now);
		OptionalLong match = OptionalLong.empty();
		for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
			// compare every candidate step in constant time so timing reveals nothing
			boolean equal = MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
					candidate.getBytes(StandardCharsets.US_ASCII));
			if (equal && step > lastUsedStep && match.isEmpty()) {
				match = OptionalLong.of(step);
			}
		}
		return match;
	}

}
