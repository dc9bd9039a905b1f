package io.emberpay.events.subscription;

import java.time.Instant;

import io.emberpay.events.EventType;
import io.emberpay.events.PlatformEvent;

/**
 * Events of the subscription aggregate, published on {@code subscriptions.events} keyed
 * by subscription id.
 */
public sealed interface SubscriptionEvent extends PlatformEvent {

	SubscriptionSnapshot subscription();

	@Override
	default String aggregateId() {
		return subscription().id();
	}

	@EventType("subscription.created")
	record SubscriptionCreated(String eventId, Instant occurredAt,
			SubscriptionSnapshot subscription) implements SubscriptionEvent {
	}

	/** The plan, the cancellation flag or the payment method changed. */
	@EventType("subscription.updated")
	record SubscriptionUpdated(String eventId, Instant occurredAt,
			SubscriptionSnapshot subscription) implements SubscriptionEvent {
	}

	/** A new period was paid for. */
	@EventType("subscription.renewed")
	record SubscriptionRenewed(String eventId, Instant occurredAt,
			SubscriptionSnapshot subscription) implements SubscriptionEvent {
	}

	/** A renewal failed; dunning retries it on schedule. */
	@EventType("subscription.past_due")
	record SubscriptionPastDue(String eventId, Instant occurredAt,
			SubscriptionSnapshot subscription) implements SubscriptionEvent {
	}

	/** Ended: by the user or merchant, at period end, or by the dunning policy. */
	@EventType("subscription.canceled")
	record SubscriptionCanceled(String eventId, Instant occurredAt,
			SubscriptionSnapshot subscription) implements SubscriptionEvent {
	}

}
