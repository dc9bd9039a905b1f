package io.emberpay.events.payment;

import io.emberpay.events.PlatformEvent;

/**
 * Events of the payment aggregate, published on {@code payments.events} keyed by payment
 * id.
 */
public sealed interface PaymentEvent extends PlatformEvent permits PaymentRequiresAction, PaymentAuthorized,
		PaymentCaptured, PaymentSucceeded, PaymentFailed, PaymentCanceled, RefundSucceeded {

	PaymentSnapshot payment();

	@Override
	default String aggregateId() {
		return payment().id();
	}

}
