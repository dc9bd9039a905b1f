package io.emberpay.notification.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver-side Standard Webhooks verifier written from the spec alone, independent of
 * the service's signing code: decode the {@code whsec_} secret, HMAC-SHA256 over
 * {@code id.timestamp.body}, accept if any {@code v1} signature in the space-separated
 * header matches (constant-time), and the timestamp is within the tolerance.
 */
public final class StandardWebhooksVerifier {

	private final byte[] key;

	public StandardWebhooksVerifier(String secret) {
		String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
		this.key = Base64.getDecoder().decode(encoded);
	}

	public boolean verify(String id, String timestamp, String signatureHeader, String body, long nowSeconds,
			long toleranceSeconds) {
		long sentAt;
		try {
			sentAt = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (Math.abs(nowSeconds - sentAt) > toleranceSeconds) {
			return false;
		}
		byte[] expected = expected(id, timestamp, body);
		for (String candidate : signatureHeader.split(" ")) {
			int comma = candidate.indexOf(',');
			if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
				continue;
			}
			byte[] given;
			try {
				given = Base64.getDecoder().decode(candidate.substring(comma + 1));
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			if (MessageDigest.isEqual(expected, given)) {
				return true;
			}
		}
		return false;
	}

	/** The signature this verifier computes, as the spec prints it. */
	public String sign(String id, String timestamp, String body) {
		return "v1," + Base64.getEncoder().encodeToString(expected(id, timestamp, body));
	}

	private byte[] expected(String id, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
