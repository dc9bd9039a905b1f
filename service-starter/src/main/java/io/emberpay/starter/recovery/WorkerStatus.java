package io.emberpay.starter.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The live state of one background worker, written by its thread and read by health and
 * metrics. Registers {@code <prefix>.state} (1 for the current state, one series per
 * state), {@code <prefix>.lag} and {@code <prefix>.parked} tagged with the worker's name.
 */
public final class WorkerStatus {

	private final String name;

	private final RecoveryProperties policy;

	private final Clock clock;

	private final AtomicInteger failuresInARow = new AtomicInteger();

	private final AtomicInteger parkedInARow = new AtomicInteger();

	private final AtomicLong parked = new AtomicLong();

	private volatile Instant failingSince;

	private volatile long lag;

	private volatile String lastError;

	private volatile boolean stopped;

	public WorkerStatus(String name, RecoveryProperties policy) {
		this(name, policy, Clock.systemUTC());
	}

	WorkerStatus(String name, RecoveryProperties policy, Clock clock) {
		this.name = name;
		this.policy = policy;
		this.clock = clock;
	}

	/** A round of work completed: any outage is over. */
	public void progressed() {
		this.failuresInARow.set(0);
		this.failingSince = null;
	}

	/** A record was applied: the handler works. */
	public void applied() {
		this.parkedInARow.set(0);
	}

	/** A record was parked in the dead-letter table. */
	public void parked() {
		this.parked.incrementAndGet();
		this.parkedInARow.incrementAndGet();
	}

	/**
	 * A round of work failed on an infrastructure error.
	 * @return how long to wait before the next round
	 */
	public Duration failed(Throwable error) {
		if (this.failingSince == null) {
			this.failingSince = this.clock.instant();
		}
		this.lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
		return this.policy.backoff(this.failuresInARow.incrementAndGet());
	}

	/** The worker's thread (re)started. */
	public void started() {
		this.stopped = false;
	}

	/** The worker's thread ended. */
	public void stopped() {
		this.stopped = true;
	}

	public void lag(long records) {
		this.lag = records;
	}

	public WorkerState state() {
		if (this.stopped) {
			return WorkerState.STOPPED;
		}
		Instant since = this.failingSince;
		if (this.parkedInARow.get() >= this.policy.parkedInARow()) {
			return WorkerState.FAILING;
		}
		if (since != null) {
			boolean tooLong = Duration.between(since, this.clock.instant()).compareTo(this.policy.failingAfter()) >= 0;
			return tooLong ? WorkerState.FAILING : WorkerState.RETRYING;
		}
		return WorkerState.RUNNING;
	}

	/**
	 * Whether every one of the last records had to be parked: the handler, not the
	 * records, is broken.
	 */
	public boolean parkingEverything() {
		return this.parkedInARow.get() >= this.policy.parkedInARow();
	}

	public String name() {
		return this.name;
	}

	public long lag() {
		return this.lag;
	}

	public long parkedTotal() {
		return this.parked.get();
	}

	/** The last infrastructure error, or {@code null}; never holds record contents. */
	public String lastError() {
		return this.lastError;
	}

	/**
	 * Registers the gauges as {@code prefix.state}, {@code prefix.lag} and
	 * {@code prefix.parked}, tagged {@code tag=name}.
	 */
	public void bindTo(MeterRegistry registry, String prefix, String tag) {
		for (WorkerState state : WorkerState.values()) {
			Gauge.builder(prefix + ".state", this, (status) -> (status.state() == state) ? 1 : 0)
				.tag(tag, this.name)
				.tag("state", state.tag())
				.description("1 for the worker's current state: running, retrying, failing or stopped")
				.register(registry);
		}
		Gauge.builder(prefix + ".lag", this, WorkerStatus::lag)
			.tag(tag, this.name)
			.description("Records waiting on the worker's partitions")
			.register(registry);
		FunctionCounter.builder(prefix + ".parked", this, WorkerStatus::parkedTotal)
			.tag(tag, this.name)
			.description("Records parked in the dead-letter table after their retries")
			.register(registry);
	}

}
