package io.emberpay.events.payout;

import io.emberpay.events.PlatformEvent;

/**
 * Events of the payout aggregate, published by payment-service on {@code payments.events}
 * keyed by payout id.
 */
public sealed interface PayoutEvent extends PlatformEvent permits PayoutCreated, PayoutPaid, PayoutFailed {

	PayoutSnapshot payout();

	@Override
	default String aggregateId() {
		return payout().id();
	}

}
