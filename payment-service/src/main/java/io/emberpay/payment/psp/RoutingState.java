package io.emberpay.payment.psp;

import java.util.Locale;

/**
 * An acquirer's routing state, set by operators: {@code draining} takes no new
 * authorizations but finishes what it holds (captures, cancels, refunds);
 * {@code forced_open} takes no call at all, as if its breaker were open on every replica.
 */
public enum RoutingState {

	ACTIVE, DRAINING, FORCED_OPEN;

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static RoutingState fromApiName(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
