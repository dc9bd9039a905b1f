package io.emberpay.payment.vault;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps a card's CVC in memory only, for the first authorization with that payment
 * method, and forgets it when that authorization takes it or after a short TTL. Bounded:
 * expired entries are swept regularly; when full, the new CVC is not kept (the
 * authorization then goes without CVC, as card-on-file payments do). A payment created on
 * another replica than the card also goes without CVC: the CVC is never written anywhere
 * to share it.
 */
final class CvcHold {

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final java.time.Duration ttl;

	private final int capacity;

	private final Clock clock;

	CvcHold(java.time.Duration ttl, int capacity, Clock clock) {
		this.ttl = ttl;
		this.capacity = capacity;
		this.clock = clock;
	}

	void hold(String paymentMethodId, String cvc) {
		if (this.entries.size() >= this.capacity) {
			evictExpired();
		}
		if (this.entries.size() < this.capacity) {
			this.entries.put(paymentMethodId, new Entry(cvc, this.clock.instant().plus(this.ttl)));
		}
	}

	/** The CVC, at most once, if it is still held. */
	String take(String paymentMethodId) {
		Entry entry = this.entries.remove(paymentMethodId);
		return (entry == null || entry.expiresAt().isBefore(this.clock.instant())) ? null : entry.cvc();
	}

	void forget(String paymentMethodId) {
		this.entries.remove(paymentMethodId);
	}

	/**
	 * An expired CVC must not wait in memory until the hold fills up: swept every 30
	 * seconds.
	 */
	@Scheduled(fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
	void forgetExpired() {
		evictExpired();
	}

	int size() {
		return this.entries.size();
	}

	private void evictExpired() {
		Instant now = this.clock.instant();
		for (Iterator<Entry> it = this.entries.values().iterator(); it.hasNext();) {
			if (it.next().expiresAt().isBefore(now)) {
				it.remove();
			}
		}
	}

	private record Entry(String cvc, Instant expiresAt) {

		@Override
		public String toString() {
			return "Entry[expiresAt=" + this.expiresAt + "]";
		}

	}

}
