package io.emberpay.events.dispute;

import java.time.Instant;

import io.emberpay.events.EventType;

/**
 * Published when the acquirer opened a dispute: the ledger withdraws the disputed amount
 * and the fee from the merchant's balance.
 */
@EventType("dispute.created")
public record DisputeCreated(String eventId, Instant occurredAt, DisputeSnapshot dispute) implements DisputeEvent {
}
