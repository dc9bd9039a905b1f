package io.emberpay.psp.fault;

import java.time.Duration;

/** What the dice decided for one call. */
record FaultPlan(Duration latency, Fault fault, Duration hang, int errorStatus) {

	enum Fault {

		NONE, REFUSE, ERROR, TIMEOUT, RESET_BEFORE_WORK, RESET_AFTER_WORK

	}

}
