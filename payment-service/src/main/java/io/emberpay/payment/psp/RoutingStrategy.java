package io.emberpay.payment.psp;

import java.util.Locale;

/**
 * How a route orders its acquirers; the first one's name is the payment's
 * {@code routing_reason}.
 */
public enum RoutingStrategy {

	/** The configured order. */
	PRIORITY,

	/** Cheapest first by each acquirer's fee table. */
	LOWEST_COST,

	/** Highest authorization rate over the recent window first. */
	AUTHORIZATION_RATE;

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
