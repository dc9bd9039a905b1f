package io.emberpay.subscription.catalogue;

import java.time.Instant;

/**
 * A recurring price: {@code unitAmount} minor units of {@code currency} every
 * {@code intervalCount} {@code interval}s, unlocking {@code tier}. Immutable once
 * created.
 */
public record Price(String id, String merchant, String product, long unitAmount, String currency, Interval interval,
		int intervalCount, int trialPeriodDays, String tier, boolean livemode, Instant created) {

	/**
	 * Whether a subscription may move from this price to {@code other} with proration.
	 */
	public boolean sameBillingAs(Price other) {
		return this.product.equals(other.product) && this.currency.equals(other.currency)
				&& this.interval == other.interval && this.intervalCount == other.intervalCount;
	}

}
