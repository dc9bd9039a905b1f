package io.emberpay.events.payout;

import java.time.Instant;

import io.emberpay.events.EventType;

/** Published when the acquirer reports the payout arrived: the ledger posts its hold. */
@EventType("payout.paid")
public record PayoutPaid(String eventId, Instant occurredAt, PayoutSnapshot payout) implements PayoutEvent {
}
