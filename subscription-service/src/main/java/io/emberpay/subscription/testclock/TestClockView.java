package io.emberpay.subscription.testclock;

import java.time.Instant;

/** The public representation of a test clock; test clocks exist in test mode only. */
record TestClockView(String id, String object, String name, Instant frozenTime, String status, boolean livemode,
		Instant created) {

	static TestClockView of(TestClock clock) {
		return new TestClockView(clock.id(), "test_clock", clock.name(), clock.frozenTime(), clock.status().wire(),
				false, clock.created());
	}

}
