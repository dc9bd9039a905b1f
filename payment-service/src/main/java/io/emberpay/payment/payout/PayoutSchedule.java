package io.emberpay.payment.payout;

/**
 * How a merchant is paid out: {@code manual} (only its own payouts), {@code daily}, or
 * {@code weekly} on {@code weekly_anchor}; a scheduled payout takes everything available
 * in a currency once that reaches {@code minimum_amount} (minor units of that currency).
 */
record PayoutSchedule(String object, String interval, String weeklyAnchor, long minimumAmount) {

	static PayoutSchedule manual() {
		return new PayoutSchedule("payout_schedule", "manual", null, 0);
	}

}
