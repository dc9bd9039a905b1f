package io.emberpay.events.payment;

import java.time.Instant;

import io.emberpay.events.EventType;

/** Published when the acquirer refunded part or all of a captured payment. */
@EventType("refund.succeeded")
public record RefundSucceeded(String eventId, Instant occurredAt, RefundSnapshot refund,
		PaymentSnapshot payment) implements PaymentEvent {
}
