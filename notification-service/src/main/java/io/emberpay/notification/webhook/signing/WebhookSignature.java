package io.emberpay.notification.webhook.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures: {@code v1,} + base64(HMAC-SHA256(secret,
 * "{webhook-id}.{webhook-timestamp}.{body}")). With several secrets (a rotation in
 * progress) the header lists one signature per secret, space-separated, newest first.
 */
public final class WebhookSignature {

	private WebhookSignature() {
	}

	public static String sign(WebhookSecret secret, String webhookId, long timestampSeconds, String body) {
		if (webhookId.indexOf('.') >= 0) {
			throw new IllegalArgumentException("a webhook id must not contain '.'");
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
			byte[] digest = mac
				.doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/** The {@code webhook-signature} header value for the given secrets, newest first. */
	public static String header(List<WebhookSecret> secrets, String webhookId, long timestampSeconds, String body) {
		if (secrets.isEmpty()) {
			throw new IllegalArgumentException("at least one secret is needed to sign");
		}
		StringJoiner header = new StringJoiner(" ");
		secrets.forEach(secret -> header.add(sign(secret, webhookId, timestampSeconds, body)));
		return header.toString();
	}

}
