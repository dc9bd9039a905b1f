package io.emberpay.events.dispute;

import java.time.Instant;

import io.emberpay.events.EventType;

/**
 * Published when the dispute was decided ({@code dispute.status} won or lost, an accepted
 * dispute is lost): a won dispute returns the amount and the fee to the merchant.
 */
@EventType("dispute.closed")
public record DisputeClosed(String eventId, Instant occurredAt, DisputeSnapshot dispute) implements DisputeEvent {
}
