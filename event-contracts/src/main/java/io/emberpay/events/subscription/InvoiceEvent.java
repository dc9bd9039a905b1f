package io.emberpay.events.subscription;

import java.time.Instant;

import io.emberpay.events.EventType;
import io.emberpay.events.PlatformEvent;

/**
 * Events of the invoice aggregate, published on {@code subscriptions.events} keyed by
 * subscription id, so one subscription's invoice and subscription events stay in order.
 */
public sealed interface InvoiceEvent extends PlatformEvent {

	InvoiceSnapshot invoice();

	@Override
	default String aggregateId() {
		return invoice().subscription();
	}

	@EventType("invoice.paid")
	record InvoicePaid(String eventId, Instant occurredAt, InvoiceSnapshot invoice) implements InvoiceEvent {
	}

	/**
	 * An attempt failed ({@code invoice.failureCode} says why, e.g.
	 * {@code authentication_required} when the user must come back).
	 */
	@EventType("invoice.payment_failed")
	record InvoicePaymentFailed(String eventId, Instant occurredAt, InvoiceSnapshot invoice) implements InvoiceEvent {
	}

}
