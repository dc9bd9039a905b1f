package io.emberpay.psp.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * What makes two requests "the same" for idempotency: the operation (method and path) and
 * the parsed body. Kept as an HMAC under a per-process random key, so the stored value
 * cannot be turned back into the card number that was part of the body.
 */
public final class RequestFingerprint {

	private static final JsonMapper CANONICAL = JsonMapper.builder().build();

	private static final byte[] SECRET = new byte[32];

	static {
		new SecureRandom().nextBytes(SECRET);
	}

	private final byte[] digest;

	private RequestFingerprint(byte[] digest) {
		this.digest = digest;
	}

	/**
	 * {@code operation} names method and path; {@code body} is the parsed request or
	 * null.
	 */
	public static RequestFingerprint of(String operation, Object body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
			mac.update(operation.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			if (body != null) {
				mac.update(CANONICAL.writeValueAsBytes(body));
			}
			return new RequestFingerprint(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	boolean matches(RequestFingerprint other) {
		return MessageDigest.isEqual(this.digest, other.digest);
	}

}
