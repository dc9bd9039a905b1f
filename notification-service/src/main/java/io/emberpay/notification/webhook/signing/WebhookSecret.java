package io.emberpay.notification.webhook.signing;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * An endpoint's Standard Webhooks signing secret: {@code whsec_} + base64 of 32 random
 * bytes (the spec asks for at least 24). The HMAC key is the decoded bytes.
 */
public final class WebhookSecret {

	public static final String PREFIX = "whsec_";

	private static final int KEY_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	private WebhookSecret(byte[] key) {
		if (key.length < 24 || key.length > 64) {
			throw new IllegalArgumentException("a webhook secret holds 24 to 64 bytes");
		}
		this.key = key.clone();
	}

	public static WebhookSecret generate() {
		byte[] key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		return new WebhookSecret(key);
	}

	public static WebhookSecret ofKey(byte[] key) {
		return new WebhookSecret(key);
	}

	/** Parses the {@code whsec_...} text a merchant holds. */
	public static WebhookSecret parse(String text) {
		String encoded = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
		return new WebhookSecret(Base64.getDecoder().decode(encoded));
	}

	public byte[] key() {
		return this.key.clone();
	}

	/** The text shown to the merchant once. */
	public String reveal() {
		return PREFIX + Base64.getEncoder().encodeToString(this.key);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WebhookSecret secret && Arrays.equals(this.key, secret.key);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.key);
	}

	@Override
	public String toString() {
		return "WebhookSecret[redacted]";
	}

}
