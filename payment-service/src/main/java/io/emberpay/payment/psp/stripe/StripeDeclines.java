package io.emberpay.payment.psp.stripe;

import java.util.Map;

/**
 * Stripe's error {@code code} and {@code decline_code} to our {@code failure_code}s,
 * which are the simulator's. Stripe has dozens of decline codes; they land on the few a
 * customer can act on, and anything unknown is a plain {@code card_declined}, so a new
 * Stripe code never leaks to the API unreviewed. Fraud-related codes are deliberately
 * generic: telling a fraudster which check failed helps them.
 */
final class StripeDeclines {

	static final String GENERIC = "card_declined";

	/** By Stripe {@code decline_code}, the more precise of the two. */
	private static final Map<String, String> BY_DECLINE_CODE = Map.ofEntries(Map.entry("generic_decline", GENERIC),
			Map.entry("do_not_honor", GENERIC), Map.entry("fraudulent", GENERIC),
			Map.entry("merchant_blacklist", GENERIC), Map.entry("pickup_card", GENERIC),
			Map.entry("restricted_card", GENERIC), Map.entry("security_violation", GENERIC),
			Map.entry("transaction_not_allowed", GENERIC), Map.entry("insufficient_funds", "insufficient_funds"),
			Map.entry("withdrawal_count_limit_exceeded", "card_velocity_exceeded"),
			Map.entry("card_velocity_exceeded", "card_velocity_exceeded"), Map.entry("lost_card", "lost_card"),
			Map.entry("stolen_card", "stolen_card"), Map.entry("expired_card", "expired_card"),
			Map.entry("incorrect_cvc", "incorrect_cvc"), Map.entry("invalid_cvc", "incorrect_cvc"),
			Map.entry("processing_error", "processing_error"), Map.entry("try_again_later", "processing_error"),
			Map.entry("reenter_transaction", "processing_error"),
			Map.entry("authentication_required", "authentication_required"),
			Map.entry("incorrect_number", "incorrect_number"), Map.entry("invalid_number", "incorrect_number"));

	/** By Stripe error {@code code}, when no decline code came with it. */
	private static final Map<String, String> BY_CODE = Map.of("card_declined", GENERIC, "expired_card", "expired_card",
			"incorrect_cvc", "incorrect_cvc", "invalid_cvc", "incorrect_cvc", "processing_error", "processing_error",
			"incorrect_number", "incorrect_number", "invalid_number", "incorrect_number", "authentication_required",
			"authentication_required", "card_decline_rate_limit_exceeded", "card_velocity_exceeded",
			// the cardholder failed (or abandoned) 3-D Secure
			"payment_intent_authentication_failure", "authentication_failed");

	private StripeDeclines() {
	}

	static String failureCode(String code, String declineCode) {
		if (declineCode != null && BY_DECLINE_CODE.containsKey(declineCode)) {
			return BY_DECLINE_CODE.get(declineCode);
		}
		if (code != null && BY_CODE.containsKey(code)) {
			return BY_CODE.get(code);
		}
		return GENERIC;
	}

}
