package io.emberpay.events.payment;

import java.time.Instant;

import io.emberpay.events.EventType;

/** Published when the payment reached {@code succeeded}. */
@EventType("payment.succeeded")
public record PaymentSucceeded(String eventId, Instant occurredAt, PaymentSnapshot payment) implements PaymentEvent {
}
