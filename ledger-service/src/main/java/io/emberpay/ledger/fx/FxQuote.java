package io.emberpay.ledger.fx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;

/**
 * The terms a payment is converted on: from {@code from} (the payment's currency) to
 * {@code to} (the merchant's settlement currency) at {@code rate}, which is the
 * mid-market rate {@code midRate} less the platform's margin, both in major units and
 * exact decimals.
 */
public record FxQuote(String from, String to, BigDecimal midRate, BigDecimal rate, LocalDate rateDate) {

	/** Decimal places of the applied rate. */
	static final int RATE_SCALE = 12;

	/** The quote for a mid-market rate less {@code marginBps} basis points. */
	static FxQuote of(ExchangeRate mid, int marginBps) {
		BigDecimal applied = mid.rate()
			.multiply(BigDecimal.valueOf(10_000L - marginBps))
			.divide(BigDecimal.valueOf(10_000L), RATE_SCALE, RoundingMode.HALF_EVEN);
		return new FxQuote(mid.from(), mid.to(), mid.rate(), applied, mid.day());
	}

	/**
	 * {@code amount} minor units of {@code from} converted on these terms. Each part is
	 * computed exactly and then rounded half-even to the minor unit of {@code to}:
	 * {@code value} at the mid-market rate, {@code settled} at the applied rate (what the
	 * merchant is credited), {@code margin} the difference of the two exact values; what
	 * the three roundings leave over, {@code value - settled - margin} (at most one minor
	 * unit either way), is the {@code residue}.
	 */
	public Conversion convert(long amount) {
		int shift = digits(this.to) - digits(this.from);
		BigDecimal minor = BigDecimal.valueOf(amount);
		BigDecimal exactValue = minor.multiply(this.midRate).movePointRight(shift);
		BigDecimal exactSettled = minor.multiply(this.rate).movePointRight(shift);
		long value = round(exactValue);
		long settled = round(exactSettled);
		long margin = round(exactValue.subtract(exactSettled));
		return new Conversion(amount, value, settled, margin, value - settled - margin);
	}

	/**
	 * The part of the conversion of a whole that a share taking the converted total from
	 * {@code before} to {@code after} accounts for: the difference of the two cumulative
	 * conversions, so that parts (partial refunds) add up exactly to the whole.
	 */
	public Conversion convertShare(long before, long after) {
		return convert(after).minus(convert(before));
	}

	private static long round(BigDecimal exact) {
		return exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
	}

	private static int digits(String currency) {
		return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
	}

	/**
	 * One conversion in minor units: {@code amount} of the payment's currency became
	 * {@code value} (mid-market) = {@code settled} + {@code margin} + {@code residue} of
	 * the settlement currency.
	 */
	public record Conversion(long amount, long value, long settled, long margin, long residue) {

		Conversion minus(Conversion other) {
			return new Conversion(this.amount - other.amount, this.value - other.value, this.settled - other.settled,
					this.margin - other.margin, this.residue - other.residue);
		}

	}

}
