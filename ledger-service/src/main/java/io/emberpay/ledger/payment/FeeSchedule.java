package io.emberpay.ledger.payment;

import org.springframework.stereotype.Component;

/**
 * The platform fee of a capture, in integer minor units: the percentage part rounded half
 * up to the minor unit, plus the fixed part, never more than the captured amount (the
 * merchant's share is never negative).
 */
@Component
public class FeeSchedule {

	private final FeeProperties properties;

	public FeeSchedule(FeeProperties properties) {
		this.properties = properties;
	}

	public long feeFor(String merchant, long capturedMinor) {
		if (capturedMinor <= 0) {
			throw new IllegalArgumentException("captured amount must be positive");
		}
		FeeProperties.Rate rate = this.properties.merchants().getOrDefault(merchant, this.properties.defaults());
		long percent = Math.addExact(Math.multiplyExact(capturedMinor, (long) rate.percentBps()), 5_000) / 10_000;
		return Math.min(capturedMinor, Math.addExact(percent, rate.fixedMinor()));
	}

	/**
	 * The part of {@code fee} returned by a refund that brings the refunded total from
	 * {@code refundedBefore} to {@code refundedAfter} of {@code captured}: proportional,
	 * rounded down cumulatively so that partial refunds add up to the whole fee exactly.
	 */
	public static long feeReturned(long fee, long captured, long refundedBefore, long refundedAfter) {
		return share(fee, captured, refundedAfter) - share(fee, captured, refundedBefore);
	}

	private static long share(long fee, long captured, long refunded) {
		long bounded = Math.max(0, Math.min(refunded, captured));
		return java.math.BigInteger.valueOf(fee)
			.multiply(java.math.BigInteger.valueOf(bounded))
			.divide(java.math.BigInteger.valueOf(captured))
			.longValueExact();
	}

}
