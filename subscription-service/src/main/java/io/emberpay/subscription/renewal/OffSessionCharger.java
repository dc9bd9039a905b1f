package io.emberpay.subscription.renewal;

import java.util.Map;

/**
 * Charges a user's saved payment method without the user present, under the consent the
 * user gave the merchant. Sending the same {@code idempotencyKey} again never charges
 * twice: it answers the first attempt's outcome.
 */
public interface OffSessionCharger {

	ChargeOutcome charge(Charge charge);

	record Charge(String merchant, String customer, String paymentMethod, long amount, String currency,
			String idempotencyKey, String description, Map<String, String> metadata, boolean livemode) {
	}

	/**
	 * {@code UNKNOWN}: no answer we can trust (unreachable, timed out, still processing);
	 * ask again later with the same key.
	 */
	record ChargeOutcome(Result result, String payment, String failureCode) {

		public enum Result {

			SUCCEEDED, FAILED, UNKNOWN

		}

		public static ChargeOutcome unknown(String payment) {
			return new ChargeOutcome(Result.UNKNOWN, payment, null);
		}

	}

}
