package io.emberpay.fraud.features;

/**
 * Running mean and variance of ln(amount) in one currency (Welford's algorithm). Amounts
 * of card payments are skewed, so the statistics are kept on their logarithm. These are
 * statistics, not money, hence {@code double}.
 */
public record AmountStats(long samples, double meanLog, double m2Log) {

	public static final AmountStats EMPTY = new AmountStats(0, 0, 0);

	public AmountStats {
		if (samples < 0 || m2Log < 0) {
			throw new IllegalArgumentException("invalid running statistics");
		}
	}

	/**
	 * Welford's update with one more amount; the database applies the same recurrence.
	 */
	public AmountStats add(long amountMinor) {
		double x = Math.log(amountMinor);
		long n = this.samples + 1;
		double delta = x - this.meanLog;
		double mean = this.meanLog + delta / n;
		return new AmountStats(n, mean, this.m2Log + delta * (x - mean));
	}

	public double stdDevLog() {
		return (this.samples < 2) ? 0 : Math.sqrt(this.m2Log / (this.samples - 1));
	}

	/**
	 * How many standard deviations {@code amountMinor} lies above the mean, with the
	 * deviation floored so a user who always pays the same amount is not flagged for a
	 * few cents more.
	 */
	public double zScore(long amountMinor, double minStdDevLog) {
		return (Math.log(amountMinor) - this.meanLog) / Math.max(stdDevLog(), minStdDevLog);
	}

}
