package io.emberpay.payment.psp.adyen;

import java.util.Map;

/**
 * Adyen's {@code refusalReasonCode} (its documented refusal reasons) to our
 * {@code failure_code}s, the same few a customer can act on as Stripe's map to; anything
 * unknown is a plain {@code card_declined}, so a new Adyen reason never leaks to the API
 * unreviewed, and fraud reasons stay generic.
 */
final class AdyenDeclines {

	static final String GENERIC = "card_declined";

	private static final Map<String, String> BY_REASON_CODE = Map.ofEntries(Map.entry("2", GENERIC),
			Map.entry("3", GENERIC), Map.entry("4", "processing_error"), Map.entry("5", GENERIC),
			Map.entry("6", "expired_card"), Map.entry("7", GENERIC), Map.entry("8", "incorrect_number"),
			Map.entry("9", "processing_error"), Map.entry("10", GENERIC), Map.entry("11", "authentication_required"),
			Map.entry("12", "insufficient_funds"), Map.entry("14", GENERIC), Map.entry("15", GENERIC),
			Map.entry("20", GENERIC), Map.entry("22", GENERIC), Map.entry("23", GENERIC),
			Map.entry("24", "incorrect_cvc"), Map.entry("25", GENERIC), Map.entry("26", GENERIC),
			Map.entry("27", GENERIC), Map.entry("28", "card_velocity_exceeded"),
			Map.entry("29", "card_velocity_exceeded"), Map.entry("31", GENERIC),
			Map.entry("38", "authentication_required"));

	private AdyenDeclines() {
	}

	static String failureCode(String refusalReasonCode) {
		return (refusalReasonCode == null) ? GENERIC : BY_REASON_CODE.getOrDefault(refusalReasonCode, GENERIC);
	}

}
