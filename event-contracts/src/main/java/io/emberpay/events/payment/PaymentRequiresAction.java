package io.emberpay.events.payment;

import java.time.Instant;

import io.emberpay.events.EventType;

/** Published when the fraud check asked for a step-up; the payment waits for the user. */
@EventType("payment.requires_action")
public record PaymentRequiresAction(String eventId, Instant occurredAt,
		PaymentSnapshot payment) implements PaymentEvent {
}
