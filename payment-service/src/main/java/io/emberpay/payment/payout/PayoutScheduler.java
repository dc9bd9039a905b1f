package io.emberpay.payment.payout;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import io.emberpay.starter.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the scheduled payouts: once a day after {@code schedule-at} (UTC), every merchant
 * due that day (daily, or weekly on its anchor day) is claimed once and paid out, per
 * currency it has a bank account in, everything available that reaches its minimum, from
 * its live balance and from its test balance, each a payout of its own mode. A currency
 * with too little available is skipped until the next run.
 */
@Component
class PayoutScheduler {

	private static final Logger log = LoggerFactory.getLogger(PayoutScheduler.class);

	private static final int BATCH = 200;

	private final PayoutSchedules schedules;

	private final PayoutRequests requests;

	private final PayoutProperties properties;

	private final Clock clock;

	PayoutScheduler(PayoutSchedules schedules, PayoutRequests requests, PayoutProperties properties, Clock clock) {
		this.schedules = schedules;
		this.requests = requests;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${emberpay.payouts.schedule-check:PT1M}")
	void runIfDue() {
		LocalTime now = LocalTime.now(this.clock.withZone(ZoneOffset.UTC));
		if (!now.isBefore(this.properties.scheduleAt())) {
			payOut(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)));
		}
	}

	/** Makes {@code day}'s scheduled payouts; answers how many were created. */
	int payOut(LocalDate day) {
		int created = 0;
		for (String merchant : this.schedules.dueOn(day, BATCH)) {
			if (!this.schedules.claim(merchant, day)) {
				continue;
			}
			long minimum = this.schedules.minimumOf(merchant);
			for (String currency : this.schedules.payoutCurrencies(merchant)) {
				for (boolean livemode : new boolean[] { true, false }) {
					try {
						this.requests.create(merchant, livemode, null, minimum, currency, null, true);
						created++;
					}
					catch (ApiException ex) {
						// nothing (or less than the minimum) available, or no balance in
						// it yet
						log.debug("No scheduled {} payout for {} in {}: {}", livemode ? "live" : "test", merchant,
								currency, ex.error().code());
					}
				}
			}
		}
		return created;
	}

}
