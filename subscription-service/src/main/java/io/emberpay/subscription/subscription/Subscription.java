package io.emberpay.subscription.subscription;

import java.time.Instant;

import io.emberpay.events.subscription.SubscriptionSnapshot;

/**
 * A user's subscription to a merchant's price. Paid period {@code n} is
 * {@code [anchor + n intervals, anchor + (n+1) intervals)}; {@code periodsElapsed} is the
 * current one's index, {@code -1} during a trial (whose end is the anchor).
 * {@code testClock}: the test clock whose time it lives by (test mode), or {@code null}.
 */
public record Subscription(String id, String merchant, String customer, String product, String price, String tier,
		String paymentMethod, SubscriptionStatus status, Instant billingAnchor, int periodsElapsed,
		Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialEnd, boolean cancelAtPeriodEnd,
		Instant canceledAt, Instant endedAt, long creditBalance, boolean livemode, Instant created, String testClock) {

	public SubscriptionSnapshot snapshot() {
		return new SubscriptionSnapshot(this.id, "subscription", this.merchant, this.customer, this.product, this.price,
				this.tier, this.status.wire(), this.currentPeriodStart, this.currentPeriodEnd, this.trialEnd,
				this.cancelAtPeriodEnd, this.canceledAt, this.livemode, this.created);
	}

	public Subscription withStatus(SubscriptionStatus next) {
		return new Subscription(this.id, this.merchant, this.customer, this.product, this.price, this.tier,
				this.paymentMethod, this.status.moveTo(next), this.billingAnchor, this.periodsElapsed,
				this.currentPeriodStart, this.currentPeriodEnd, this.trialEnd, this.cancelAtPeriodEnd, this.canceledAt,
				this.endedAt, this.creditBalance, this.livemode, this.created, this.testClock);
	}

	public Subscription ended(SubscriptionStatus next, Instant at) {
		return new Subscription(this.id, this.merchant, this.customer, this.product, this.price, this.tier,
				this.paymentMethod, this.status.moveTo(next), this.billingAnchor, this.periodsElapsed,
				this.currentPeriodStart, this.currentPeriodEnd, this.trialEnd, this.cancelAtPeriodEnd,
				(next == SubscriptionStatus.CANCELED && this.canceledAt == null) ? at : this.canceledAt, at,
				this.creditBalance, this.livemode, this.created, this.testClock);
	}

	public Subscription nextPeriod(Instant start, Instant end, long creditLeft) {
		return new Subscription(this.id, this.merchant, this.customer, this.product, this.price, this.tier,
				this.paymentMethod, this.status.moveTo(SubscriptionStatus.ACTIVE), this.billingAnchor,
				this.periodsElapsed + 1, start, end, this.trialEnd, this.cancelAtPeriodEnd, this.canceledAt,
				this.endedAt, creditLeft, this.livemode, this.created, this.testClock);
	}

	public Subscription onPrice(String newPrice, String newTier, long newCredit) {
		return new Subscription(this.id, this.merchant, this.customer, this.product, newPrice, newTier,
				this.paymentMethod, this.status, this.billingAnchor, this.periodsElapsed, this.currentPeriodStart,
				this.currentPeriodEnd, this.trialEnd, this.cancelAtPeriodEnd, this.canceledAt, this.endedAt, newCredit,
				this.livemode, this.created, this.testClock);
	}

	public Subscription cancelingAtPeriodEnd(boolean cancel, Instant at) {
		return new Subscription(this.id, this.merchant, this.customer, this.product, this.price, this.tier,
				this.paymentMethod, this.status, this.billingAnchor, this.periodsElapsed, this.currentPeriodStart,
				this.currentPeriodEnd, this.trialEnd, cancel, cancel ? at : null, this.endedAt, this.creditBalance,
				this.livemode, this.created, this.testClock);
	}

}
