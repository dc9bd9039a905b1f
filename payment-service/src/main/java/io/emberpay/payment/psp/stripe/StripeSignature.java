package io.emberpay.payment.psp.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.emberpay.payment.psp.WebhookRefused;

/**
 * Stripe's webhook signature, checked before anything of the body is read: the
 * {@code Stripe-Signature} header is {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]},
 * where each {@code v1} is HMAC-SHA256, keyed with an endpoint's signing secret, of
 * {@code "<t>.<raw body>"}. A timestamp outside the tolerance is refused as a possible
 * replay; other schemes ({@code v0}) are ignored, as Stripe's own libraries do.
 */
public final class StripeSignature {

	private static final int MAX_HEADER = 2048;

	private StripeSignature() {
	}

	/** The signer whose secret signed the body; throws when none did. */
	public static StripeProperties.WebhookSigner verify(String header, byte[] body,
			List<StripeProperties.WebhookSigner> signers, Instant now, Duration tolerance) {
		if (header == null || header.isBlank()) {
			throw new WebhookRefused(WebhookRefused.Reason.UNSIGNED, "no Stripe-Signature header");
		}
		if (header.length() > MAX_HEADER) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "Stripe-Signature header too long");
		}
		Long timestamp = null;
		List<byte[]> signatures = new ArrayList<>();
		for (String part : header.split(",")) {
			int eq = part.indexOf('=');
			if (eq <= 0) {
				throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "Stripe-Signature element without '='");
			}
			String name = part.substring(0, eq).trim();
			String value = part.substring(eq + 1).trim();
			if (name.equals("t")) {
				if (timestamp != null || !value.matches("\\d{1,12}")) {
					throw new WebhookRefused(WebhookRefused.Reason.MALFORMED,
							"Stripe-Signature timestamp is not one number");
				}
				timestamp = Long.parseLong(value);
			}
			else if (name.equals("v1") && value.matches("[0-9a-fA-F]{64}")) {
				signatures.add(value.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
			}
		}
		if (timestamp == null || signatures.isEmpty()) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "Stripe-Signature needs t and a v1 signature");
		}
		if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
			throw new WebhookRefused(WebhookRefused.Reason.STALE, "Stripe-Signature timestamp outside the tolerance");
		}
		for (StripeProperties.WebhookSigner signer : signers) {
			byte[] expected = sign(signer.secret(), timestamp, body);
			for (byte[] signature : signatures) {
				if (MessageDigest.isEqual(expected, signature)) {
					return signer;
				}
			}
		}
		throw new WebhookRefused(WebhookRefused.Reason.FORGED, "no configured secret made this Stripe-Signature");
	}

	/** The lower-case hex v1 signature of a body, as ASCII bytes. */
	static byte[] sign(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			mac.update(body);
			return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
