package io.emberpay.events.payment;

import java.time.Instant;

import io.emberpay.events.EventType;

/** Published when the payment was canceled before capture; any hold is released. */
@EventType("payment.canceled")
public record PaymentCanceled(String eventId, Instant occurredAt, PaymentSnapshot payment) implements PaymentEvent {
}
