package io.emberpay.payment.pspwebhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.emberpay.payment.psp.WebhookRefused;

/**
 * The simulator acquirers' webhook signature, checked before the body is read:
 * {@code Simulator-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}
 * keyed with the shared secret (the scheme Stripe uses, so the simulator exercises the
 * same checks: unsigned, malformed, stale and forged are refused).
 */
final class SimulatorSignature {

	private static final int MAX_HEADER = 512;

	private SimulatorSignature() {
	}

	static void verify(String header, byte[] body, String secret, Instant now, Duration tolerance) {
		if (header == null || header.isBlank()) {
			throw new WebhookRefused(WebhookRefused.Reason.UNSIGNED, "no Simulator-Signature header");
		}
		if (header.length() > MAX_HEADER) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "Simulator-Signature header too long");
		}
		Long timestamp = null;
		String signature = null;
		for (String part : header.split(",")) {
			String[] pair = part.trim().split("=", 2);
			if (pair.length != 2) {
				throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "Simulator-Signature element without '='");
			}
			if (pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
				timestamp = Long.parseLong(pair[1]);
			}
			else if (pair[0].equals("v1") && pair[1].matches("[0-9a-fA-F]{64}")) {
				signature = pair[1].toLowerCase(Locale.ROOT);
			}
		}
		if (timestamp == null || signature == null) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "Simulator-Signature needs t and v1");
		}
		if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
			throw new WebhookRefused(WebhookRefused.Reason.STALE,
					"Simulator-Signature timestamp outside the tolerance");
		}
		if (!MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			throw new WebhookRefused(WebhookRefused.Reason.FORGED, "the secret did not make this Simulator-Signature");
		}
	}

	/** The lower-case hex v1 signature of a body. */
	static String sign(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing", ex);
		}
	}

}
