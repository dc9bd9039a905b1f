package io.emberpay.events.payment;

import java.time.Instant;

import io.emberpay.events.EventType;

/**
 * Published when funds were captured: {@code payment.amountReceived} of the authorized
 * amount, the rest released.
 */
@EventType("payment.captured")
public record PaymentCaptured(String eventId, Instant occurredAt, PaymentSnapshot payment) implements PaymentEvent {
}
