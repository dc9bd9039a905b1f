package io.emberpay.events.dispute;

import java.time.Instant;

import io.emberpay.events.EventType;

/** Published when the merchant submitted evidence and the dispute went under review. */
@EventType("dispute.updated")
public record DisputeUpdated(String eventId, Instant occurredAt, DisputeSnapshot dispute) implements DisputeEvent {
}
