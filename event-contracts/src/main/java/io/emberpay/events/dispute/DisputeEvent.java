package io.emberpay.events.dispute;

import io.emberpay.events.PlatformEvent;

/**
 * Events of the dispute aggregate, published by payment-service on
 * {@code payments.events} keyed by dispute id.
 */
public sealed interface DisputeEvent extends PlatformEvent permits DisputeCreated, DisputeUpdated, DisputeClosed {

	DisputeSnapshot dispute();

	@Override
	default String aggregateId() {
		return dispute().id();
	}

}
