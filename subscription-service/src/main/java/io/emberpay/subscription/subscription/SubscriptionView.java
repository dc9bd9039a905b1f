package io.emberpay.subscription.subscription;

import java.time.Instant;

/** The public representation of a subscription. */
record SubscriptionView(String id, String object, String merchant, String customer, String product, String price,
		String tier, String paymentMethod, String status, Instant billingCycleAnchor, Instant currentPeriodStart,
		Instant currentPeriodEnd, Instant trialEnd, boolean cancelAtPeriodEnd, Instant canceledAt, Instant endedAt,
		long creditBalance, String latestInvoice, String testClock, boolean livemode, Instant created) {

	static SubscriptionView of(Subscription s, String latestInvoice) {
		return new SubscriptionView(s.id(), "subscription", s.merchant(), s.customer(), s.product(), s.price(),
				s.tier(), s.paymentMethod(), s.status().wire(), s.billingAnchor(), s.currentPeriodStart(),
				s.currentPeriodEnd(), s.trialEnd(), s.cancelAtPeriodEnd(), s.canceledAt(), s.endedAt(),
				s.creditBalance(), latestInvoice, s.testClock(), s.livemode(), s.created());
	}

}
