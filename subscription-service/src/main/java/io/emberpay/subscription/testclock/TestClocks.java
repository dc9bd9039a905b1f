package io.emberpay.subscription.testclock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.emberpay.events.ResourceIds;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.subscription.subscription.Subscription;
import io.emberpay.subscription.subscription.SubscriptionEnding;
import io.emberpay.subscription.subscription.SubscriptionStatus;
import io.emberpay.subscription.subscription.SubscriptionStore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Making, reading, advancing and deleting a merchant's test clocks. Only a test-mode
 * merchant key sees them: with a live key, or another merchant's id, a clock is the same
 * 404 as one that does not exist.
 */
@Service
class TestClocks {

	/** How far one advance may move a clock, so one request's work stays bounded. */
	static final Duration MAX_ADVANCE = Duration.ofDays(730);

	/** Frozen times a clock may be made at (no earlier than this, no later than). */
	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

	private final TestClockStore store;

	private final SubscriptionStore subscriptions;

	private final SubscriptionEnding ending;

	private final TestClockAdvance advance;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TestClocks(TestClockStore store, SubscriptionStore subscriptions, SubscriptionEnding ending,
			TestClockAdvance advance, TransactionTemplate transactions, Clock clock) {
		this.store = store;
		this.subscriptions = subscriptions;
		this.ending = ending;
		this.advance = advance;
		this.transactions = transactions;
		this.clock = clock;
	}

	TestClock create(Caller caller, Instant frozenTime, String name) {
		String merchant = testMerchant(caller);
		Instant frozen = checkedTime(frozenTime);
		TestClock clock = new TestClock(ResourceIds.next("clock"), merchant, name, frozen, TestClock.Status.READY, null,
				null, this.clock.instant());
		this.store.insert(clock);
		return clock;
	}

	TestClock get(Caller caller, String id) {
		return owned(caller, id, this.store.find(id).orElse(null));
	}

	/**
	 * Starts moving the clock to {@code frozenTime}: the clock is {@code advancing} until
	 * what fell due on the way has run, then {@code ready} at the new time.
	 */
	TestClock advance(Caller caller, String id, Instant frozenTime) {
		Instant to = checkedTime(frozenTime);
		TestClock started = this.transactions.execute(status -> {
			TestClock current = owned(caller, id, this.store.lock(id).orElse(null));
			if (current.status() != TestClock.Status.READY) {
				throw new ApiException(CommonError.STATE_CONFLICT,
						"The test clock is still advancing: wait until its status is ready");
			}
			if (!to.isAfter(current.frozenTime())) {
				throw ApiException.invalid("frozen_time",
						"frozen_time must be later than the clock's current time: a test clock only moves forward");
			}
			if (Duration.between(current.frozenTime(), to).compareTo(MAX_ADVANCE) > 0) {
				throw ApiException.invalid("frozen_time", "A test clock moves at most 730 days in one advance");
			}
			this.store.startAdvance(id, to);
			return this.store.find(id).orElseThrow();
		});
		this.advance.soon(id);
		return started;
	}

	/**
	 * Deletes the clock; its subscriptions that still run end now (canceled, at the
	 * clock's time), as they could no longer move.
	 */
	DeletedTestClock delete(Caller caller, String id) {
		this.transactions.executeWithoutResult(status -> {
			TestClock current = owned(caller, id, this.store.lock(id).orElse(null));
			if (current.status() != TestClock.Status.READY) {
				throw new ApiException(CommonError.STATE_CONFLICT,
						"The test clock is still advancing: wait until its status is ready");
			}
			List<Subscription> live = this.subscriptions.lockLiveOnTestClock(id);
			for (Subscription subscription : live) {
				this.ending.end(subscription, SubscriptionStatus.CANCELED, current.frozenTime());
			}
			this.store.delete(id, this.clock.instant());
		});
		return new DeletedTestClock(id, "test_clock", true);
	}

	private static String testMerchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Test clocks are a merchant's");
		}
		if (caller.livemode()) {
			throw new ApiException(CommonError.NOT_FOUND, "Test clocks exist in test mode only: use a test key");
		}
		return caller.id();
	}

	private static TestClock owned(Caller caller, String id, TestClock clock) {
		String merchant = testMerchant(caller);
		if (clock == null || !clock.merchant().equals(merchant)) {
			throw ApiException.notFound("test_clock", id);
		}
		return clock;
	}

	private static Instant checkedTime(Instant frozenTime) {
		if (frozenTime == null) {
			throw ApiException.invalid("frozen_time", "frozen_time is required");
		}
		if (frozenTime.isBefore(EARLIEST) || !frozenTime.isBefore(LATEST)) {
			throw ApiException.invalid("frozen_time", "frozen_time must be between 2000 and 2100");
		}
		return frozenTime.truncatedTo(ChronoUnit.SECONDS);
	}

}
