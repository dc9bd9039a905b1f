package io.emberpay.subscription.testclock;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.emberpay.subscription.renewal.RenewalProperties;
import io.emberpay.subscription.renewal.RenewalRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works an advancing test clock forward: finds the earliest instant something falls due
 * on it (a trial or period end, an invoice attempt, an entitlement's end), moves the
 * clock there and runs the renewal run's work for that clock at that instant, and again,
 * until nothing is due before the target; then the clock is {@code ready} at the target.
 * So a ten-day advance over a failing renewal retries it on each day of the dunning
 * schedule, in order, as real time would have. One runner holds a clock at a time (a
 * real-time lease); every step is the renewal run's own idempotent work, so a runner that
 * dies mid-way is taken over by the scheduled pass, which finishes the advance.
 */
@Component
class TestClockAdvance implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TestClockAdvance.class);

	/** Steps one runner takes before it lets go (a step that cannot progress). */
	static final int MAX_STEPS = 2000;

	private final TestClockStore store;

	private final RenewalRun renewals;

	private final RenewalProperties properties;

	private final Clock clock;

	private final ExecutorService runner = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("test-clock-advance-", 0).factory());

	TestClockAdvance(TestClockStore store, RenewalRun renewals, RenewalProperties properties, Clock clock) {
		this.store = store;
		this.renewals = renewals;
		this.properties = properties;
		this.clock = clock;
	}

	/** Starts working the advance at once, off the request thread. */
	void soon(String id) {
		this.runner.execute(() -> advance(id));
	}

	/** Picks up advances no runner holds (one died, or a step could not progress). */
	@Scheduled(fixedDelayString = "${emberpay.subscription.renewal.interval}",
			initialDelayString = "${emberpay.subscription.renewal.interval}")
	void resume() {
		for (String id : this.store.unclaimedAdvancing(this.clock.instant(), 100)) {
			advance(id);
		}
	}

	/** Moves an advancing clock to its target, unless another runner holds it. */
	void advance(String id) {
		Optional<TestClock> claimed = this.store.claim(id, this.clock.instant(), this.properties.claimLease());
		if (claimed.isEmpty()) {
			return;
		}
		Instant target = claimed.get().advancingTo();
		Instant at = claimed.get().frozenTime();
		try {
			for (int step = 0; step < MAX_STEPS; step++) {
				Optional<Instant> due = this.store.nextDue(id, this.clock.instant());
				if (due.isEmpty() || due.get().isAfter(target)) {
					this.store.finish(id, target);
					return;
				}
				if (due.get().isAfter(at)) {
					at = due.get();
				}
				this.store.moveTo(id, at, this.clock.instant().plus(this.properties.claimLease()));
				this.renewals.runOnTestClock(id, at);
			}
			log.warn("Test clock {} did not reach {} in {} steps; the scheduled pass goes on with it", id, target,
					MAX_STEPS);
			this.store.release(id);
		}
		catch (RuntimeException ex) {
			log.warn("Advancing test clock {} stopped at {}; the scheduled pass goes on with it: {}", id, at,
					ex.toString());
			this.store.release(id);
		}
	}

	@Override
	public void destroy() {
		this.runner.shutdownNow();
	}

}
