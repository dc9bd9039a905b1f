package io.emberpay.subscription.testclock;

import java.time.Instant;
import java.util.Locale;

/**
 * A merchant's test clock: frozen at {@code frozenTime} while {@code ready}; while
 * {@code advancing} it moves to {@code advancingTo}, running on the way everything that
 * falls due for its subscriptions, in time order.
 */
record TestClock(String id, String merchant, String name, Instant frozenTime, Status status, Instant advancingTo,
		Instant deletedAt, Instant created) {

	enum Status {

		READY, ADVANCING;

		String wire() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Status parse(String wire) {
			return valueOf(wire.toUpperCase(Locale.ROOT));
		}

	}

}
