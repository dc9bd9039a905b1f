package io.emberpay.subscription.renewal;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What the dashboard shows of renewals: charges by outcome, how long a run takes, and the
 * invoices still due after the last run (a backlog that grows means renewals fall
 * behind).
 */
@Component
class RenewalMetrics {

	private final Counter succeeded;

	private final Counter failed;

	private final Counter unknown;

	private final Timer runs;

	private final AtomicLong due = new AtomicLong();

	RenewalMetrics(MeterRegistry meters) {
		this.succeeded = charges(meters, "succeeded");
		this.failed = charges(meters, "failed");
		this.unknown = charges(meters, "unknown");
		this.runs = Timer.builder("emberpay.subscription.renewal.run")
			.description("Time of one renewal run on this replica")
			.register(meters);
		Gauge.builder("emberpay.subscription.invoices.due", this.due, AtomicLong::get)
			.description("Open invoices due for a charge after this replica's last renewal run")
			.register(meters);
	}

	private static Counter charges(MeterRegistry meters, String outcome) {
		return Counter.builder("emberpay.subscription.renewal.charges")
			.description("Off-session charges of invoices, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	void charged(OffSessionCharger.ChargeOutcome.Result result) {
		switch (result) {
			case SUCCEEDED -> this.succeeded.increment();
			case FAILED -> this.failed.increment();
			case UNKNOWN -> this.unknown.increment();
		}
	}

	Timer runs() {
		return this.runs;
	}

	void due(long invoices) {
		this.due.set(invoices);
	}

}
