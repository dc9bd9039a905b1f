package io.emberpay.events.payout;

import java.time.Instant;

import io.emberpay.events.EventType;

/**
 * Published when the payout failed ({@code payout.failureCode} says why): the ledger
 * voids its hold and the funds are available again.
 */
@EventType("payout.failed")
public record PayoutFailed(String eventId, Instant occurredAt, PayoutSnapshot payout) implements PayoutEvent {
}
