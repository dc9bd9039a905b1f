package io.emberpay.subscription.billing;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a plan change in the middle of a period costs, in whole minor units.
 * <p>
 * Rounding rule: time is counted in whole seconds (the change instant truncated to the
 * second). The credit for the unused part of the old price and the charge for the rest of
 * the period at the new price are each rounded on their own to the nearest minor unit, a
 * half rounding up (away from zero); the amount due is their difference, so it is exact
 * against the two lines the invoice shows. Arithmetic is exact integer arithmetic: no
 * floating point, no overflow.
 *
 * @param credit minor units given back for the old price's unused time (never negative)
 * @param charge minor units of the new price for the same remaining time (never negative)
 */
public record Proration(long credit, long charge, long remainingSeconds, long periodSeconds) {

	public static Proration of(long oldAmount, long newAmount, Instant periodStart, Instant periodEnd,
			Instant changedAt) {
		if (oldAmount < 0 || newAmount < 0) {
			throw new IllegalArgumentException("amounts must not be negative");
		}
		long total = Duration.between(periodStart, periodEnd).toSeconds();
		if (total <= 0) {
			throw new IllegalArgumentException("a period must last at least a second");
		}
		long remaining = Math.clamp(Duration.between(changedAt.truncatedTo(ChronoUnit.SECONDS), periodEnd).toSeconds(),
				0, total);
		return new Proration(share(oldAmount, remaining, total), share(newAmount, remaining, total), remaining, total);
	}

	/** {@code charge - credit}: positive is owed now, negative is the user's credit. */
	public long net() {
		return this.charge - this.credit;
	}

	/** {@code amount * part / whole}, rounded half up. */
	static long share(long amount, long part, long whole) {
		BigInteger twice = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(part)).shiftLeft(1);
		BigInteger[] quotient = twice.add(BigInteger.valueOf(whole))
			.divideAndRemainder(BigInteger.valueOf(whole).shiftLeft(1));
		return quotient[0].longValueExact();
	}

}
