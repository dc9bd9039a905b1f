package io.emberpay.events.payout;

import java.time.Instant;

import io.emberpay.events.EventType;

/**
 * Published when a payout was created: its amount is already held in the ledger, out of
 * the merchant's available balance.
 */
@EventType("payout.created")
public record PayoutCreated(String eventId, Instant occurredAt, PayoutSnapshot payout) implements PayoutEvent {
}
