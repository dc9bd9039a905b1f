package io.emberpay.local.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Standard Webhooks signature the way a merchant's server does: HMAC-SHA256
 * keyed with the base64-decoded secret (after {@code whsec_}) over
 * {@code id.timestamp.body}; any of the space-separated {@code v1,} signatures may match.
 */
public final class WebhookSignature {

	private WebhookSignature() {
	}

	public static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader) {
		if (secret == null || id == null || timestamp == null || signatureHeader == null) {
			return false;
		}
		byte[] expected = sign(secret, id + "." + timestamp + "." + body);
		for (String candidate : signatureHeader.split(" ")) {
			if (candidate.startsWith("v1,")) {
				byte[] given = Base64.getDecoder().decode(candidate.substring(3));
				if (MessageDigest.isEqual(expected, given)) {
					return true;
				}
			}
		}
		return false;
	}

	private static byte[] sign(String secret, String content) {
		try {
			byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
