package io.emberpay.events.subscription;

import java.time.Instant;

/**
 * A subscription as it stood when an event happened, in its public API form, which
 * webhooks forward as {@code data.object}. Times that do not apply (no trial, not
 * canceled) are {@code null}.
 */
public record SubscriptionSnapshot(String id, String object, String merchant, String customer, String product,
		String price, String tier, String status, Instant currentPeriodStart, Instant currentPeriodEnd,
		Instant trialEnd, boolean cancelAtPeriodEnd, Instant canceledAt, boolean livemode, Instant created) {
}
