package io.emberpay.events.subscription;

import java.time.Instant;

import io.emberpay.events.EventType;
import io.emberpay.events.PlatformEvent;

/**
 * Events of a user's entitlements, published on {@code subscriptions.events} keyed by the
 * source (the subscription or store purchase) that grants them.
 */
public sealed interface EntitlementEvent extends PlatformEvent {

	EntitlementSnapshot entitlement();

	@Override
	default String aggregateId() {
		return entitlement().sourceId();
	}

	@EventType("entitlement.granted")
	record EntitlementGranted(String eventId, Instant occurredAt,
			EntitlementSnapshot entitlement) implements EntitlementEvent {
	}

	@EventType("entitlement.revoked")
	record EntitlementRevoked(String eventId, Instant occurredAt,
			EntitlementSnapshot entitlement) implements EntitlementEvent {
	}

}
