package io.emberpay.payment.psp.adyen;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;

/**
 * Adyen's HMAC signature of a standard notification item: Base64 of HMAC-SHA256, keyed
 * with the hex-decoded HMAC key of the webhook, over {@code pspReference:
 * originalReference:merchantAccountCode:merchantReference:amount.value:amount.currency:
 * eventCode:success}, absent fields empty. It travels inside the item, in
 * {@code additionalData.hmacSignature}.
 */
public final class AdyenSignature {

	private AdyenSignature() {
	}

	/** Whether the item carries a signature made with {@code hexKey}. */
	public static boolean verify(JsonNode item, String hexKey) {
		String given = item.path("additionalData").path("hmacSignature").asString("");
		if (given.isEmpty()) {
			return false;
		}
		byte[] expected = sign(item, hexKey).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
	}

	static String sign(JsonNode item, String hexKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(HexFormat.of().parseHex(hexKey), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(signed(item).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	static String signed(JsonNode item) {
		JsonNode amount = item.path("amount");
		return List
			.of(text(item, "pspReference"), text(item, "originalReference"), text(item, "merchantAccountCode"),
					text(item, "merchantReference"), text(amount, "value"), text(amount, "currency"),
					text(item, "eventCode"), text(item, "success"))
			.stream()
			.collect(Collectors.joining(":"));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? "" : value.asString();
	}

}
