package io.emberpay.payment.psp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a fake acquirer does to every call until cleared: answer late (after acting, so a
 * client that gave up must ask again with the same key) or refuse with a status before
 * acting.
 */
public record AcquirerFault(Duration delay, int refuseWith, AtomicInteger calls) {

	/** Every call answers late until cleared. */
	public static AcquirerFault slow(Duration delay) {
		return new AcquirerFault(delay, 0, new AtomicInteger(Integer.MAX_VALUE));
	}

	/** The next {@code calls} calls answer late, then the fault is spent. */
	public static AcquirerFault slow(Duration delay, int calls) {
		return new AcquirerFault(delay, 0, new AtomicInteger(calls));
	}

	public static AcquirerFault refusing(int status, int calls) {
		return new AcquirerFault(null, status, new AtomicInteger(calls));
	}

	/** Counts a call against the fault: whether this call still suffers it. */
	public boolean take() {
		return this.calls.getAndDecrement() > 0;
	}

	/**
	 * Holds the answer back as long as the fault says: the fake has acted already, as a
	 * slow acquirer has.
	 */
	public void holdAnswer() {
		if (this.delay == null) {
			return;
		}
		try {
			Thread.sleep(this.delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
