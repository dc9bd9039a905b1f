package io.emberpay.psp.settlement;

import io.emberpay.psp.config.PspProperties;

import org.springframework.stereotype.Component;

/**
 * What the acquirer keeps per settlement line, in integer math only: a capture costs a
 * percentage (in basis points, rounded half up to the minor unit) plus a fixed part; a
 * refund costs its own fixed part and the capture fee is not returned.
 */
@Component
public class FeeSchedule {

	private final PspProperties.Fees fees;

	public FeeSchedule(PspProperties properties) {
		this.fees = properties.fees();
	}

	public long captureFeeMinor(long amountMinor) {
		if (amountMinor < 0) {
			throw new IllegalArgumentException("amount must not be negative");
		}
		// amount <= 99,999,999 and basis points <= 10,000: the product fits a long
		// easily.
		long percentage = Math.addExact(Math.multiplyExact(amountMinor, this.fees.percentBasisPoints()), 5_000L)
				/ 10_000L;
		return percentage + this.fees.fixedMinor();
	}

	public long refundFeeMinor() {
		return this.fees.refundFixedMinor();
	}

}
