package io.emberpay.auth.totp;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * What an authenticator app does in tests: decode the enrolled secret and compute codes.
 */
public final class Authenticator {

	private final byte[] secret;

	public Authenticator(String base32Secret) {
		this.secret = decode(base32Secret);
	}

	/** The code of the step {@code offset} steps from now. */
	public String code(int offset) {
		return codeAt(currentStep() + offset);
	}

	public String codeAt(long step) {
		return Totp.code(this.secret, step);
	}

	public static long currentStep() {
		return Totp.step(Instant.now());
	}

	private static byte[] decode(String base32) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : base32.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >>> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}

}
