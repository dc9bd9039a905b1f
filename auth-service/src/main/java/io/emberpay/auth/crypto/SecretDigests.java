package io.emberpay.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.emberpay.auth.config.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * Random bearer secrets and the digests we keep instead of them: SHA-256 for 256-bit
 * tokens, HMAC-SHA256 under a server-side pepper for secrets a database thief might
 * otherwise try offline (API keys, recovery codes).
 */
@Component
public class SecretDigests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec pepper;

	SecretDigests(AuthProperties properties) {
		byte[] raw = Base64.getDecoder().decode(properties.secrets().hashPepper());
		if (raw.length < 32) {
			throw new IllegalStateException("emberpay.auth.secrets.hash-pepper must be at least 32 bytes, base64");
		}
		this.pepper = new SecretKeySpec(raw, "HmacSHA256");
	}

	/** {@code prefix} followed by {@code bytes} random bytes in unpadded base64url. */
	public static String randomToken(String prefix, int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	public static byte[] randomBytes(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return random;
	}

	public static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String sha256Hex(String value) {
		return HexFormat.of().formatHex(sha256(value));
	}

	public byte[] peppered(String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.pepper);
			return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
