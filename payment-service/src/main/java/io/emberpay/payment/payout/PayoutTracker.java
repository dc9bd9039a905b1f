package io.emberpay.payment.payout;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks again about every payout not yet final: sends the pending ones whose first send
 * did not reach the acquirer (same key, so never twice) and asks the acquirer about those
 * in transit until it says paid or failed.
 */
@Component
class PayoutTracker {

	private final PayoutRepository payouts;

	private final PayoutDispatch dispatch;

	private final PayoutProperties properties;

	private final Clock clock;

	PayoutTracker(PayoutRepository payouts, PayoutDispatch dispatch, PayoutProperties properties, Clock clock) {
		this.payouts = payouts;
		this.dispatch = dispatch;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${emberpay.payouts.track-interval:PT30S}")
	void trackAll() {
		trackUntouchedFor(this.properties.trackAfter());
	}

	/** Advances every unsettled payout untouched for {@code age}; answers how many. */
	int trackUntouchedFor(java.time.Duration age) {
		int tracked = 0;
		for (String id : this.payouts.unsettled(this.clock.instant().minus(age), this.properties.trackBatch())) {
			this.payouts.findById(id).ifPresent(this.dispatch::advance);
			tracked++;
		}
		return tracked;
	}

}
