package io.emberpay.events.payment;

import java.time.Instant;

import io.emberpay.events.EventType;

/**
 * Published when the acquirer authorized the amount; funds are held until capture or
 * cancel.
 */
@EventType("payment.authorized")
public record PaymentAuthorized(String eventId, Instant occurredAt, PaymentSnapshot payment) implements PaymentEvent {
}
