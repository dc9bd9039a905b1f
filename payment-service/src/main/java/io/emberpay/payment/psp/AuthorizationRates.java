package io.emberpay.payment.psp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each acquirer's share of approved authorizations over its latest {@code window} answers
 * (approved or declined; an acquirer that did not answer is the breaker's business, not a
 * decline). Kept per replica: each sees enough traffic to judge.
 */
final class AuthorizationRates {

	private final int window;

	private final int minimumCalls;

	private final Map<String, Deque<Boolean>> answers = new ConcurrentHashMap<>();

	AuthorizationRates(int window, int minimumCalls) {
		this.window = window;
		this.minimumCalls = minimumCalls;
	}

	void record(String acquirer, boolean approved) {
		Deque<Boolean> latest = this.answers.computeIfAbsent(acquirer, name -> new ArrayDeque<>(this.window));
		synchronized (latest) {
			if (latest.size() == this.window) {
				latest.removeFirst();
			}
			latest.addLast(approved);
		}
	}

	/** The approval rate, or empty while the window holds too few answers to judge. */
	OptionalDouble rate(String acquirer) {
		Deque<Boolean> latest = this.answers.get(acquirer);
		if (latest == null) {
			return OptionalDouble.empty();
		}
		synchronized (latest) {
			if (latest.size() < this.minimumCalls) {
				return OptionalDouble.empty();
			}
			long approved = latest.stream().filter(Boolean::booleanValue).count();
			return OptionalDouble.of((double) approved / latest.size());
		}
	}

	void clear() {
		this.answers.clear();
	}

}
