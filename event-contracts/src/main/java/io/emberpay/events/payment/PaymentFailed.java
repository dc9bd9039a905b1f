package io.emberpay.events.payment;

import java.time.Instant;

import io.emberpay.events.EventType;

/**
 * Published when the payment failed ({@code payment.failureCode} says why); any hold is
 * released.
 */
@EventType("payment.failed")
public record PaymentFailed(String eventId, Instant occurredAt, PaymentSnapshot payment) implements PaymentEvent {
}
