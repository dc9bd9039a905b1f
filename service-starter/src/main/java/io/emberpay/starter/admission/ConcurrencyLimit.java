package io.emberpay.starter.admission;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of places, taken first come first served with a short wait. Fair, so a
 * request that has waited is not overtaken by one that just arrived and the wait stays
 * bounded by {@code maxWait}.
 */
public final class ConcurrencyLimit {

	private final int places;

	private final Semaphore free;

	private final long maxWaitNanos;

	public ConcurrencyLimit(int places, Duration maxWait) {
		this.places = places;
		this.free = new Semaphore(places, true);
		this.maxWaitNanos = maxWait.toNanos();
	}

	/** Takes a place, waiting at most the configured time; false when none came free. */
	public boolean tryEnter() {
		if (this.free.tryAcquire()) {
			return true;
		}
		if (this.maxWaitNanos <= 0) {
			return false;
		}
		try {
			return this.free.tryAcquire(this.maxWaitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public void leave() {
		this.free.release();
	}

	public int inUse() {
		return this.places - this.free.availablePermits();
	}

	public int places() {
		return this.places;
	}

}
