package io.emberpay.notification.webhook.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets a polling loop sleep until either its interval passes or someone has news for it.
 */
final class Wakeup {

	private final Semaphore signal = new Semaphore(0);

	void signal() {
		if (this.signal.availablePermits() == 0) {
			this.signal.release();
		}
	}

	void await(Duration timeout) throws InterruptedException {
		if (this.signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.signal.drainPermits();
		}
	}

}
