package io.emberpay.psp.authorization;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.config.PspProperties;

import org.springframework.stereotype.Component;

/**
 * The authorizations each acquirer holds, in memory. Bounded: beyond
 * {@code emberpay.psp.max-authorizations} per acquirer the oldest are forgotten, as a
 * real acquirer archives old charges. The stats ledger keeps counting regardless.
 */
@Component
public class AuthorizationBook {

	private final int capacity;

	private final Map<Acquirer, Shelf> shelves = new EnumMap<>(Acquirer.class);

	public AuthorizationBook(PspProperties properties) {
		this.capacity = properties.maxAuthorizations();
		for (Acquirer acquirer : Acquirer.values()) {
			this.shelves.put(acquirer, new Shelf());
		}
	}

	void add(Authorization authorization) {
		Shelf shelf = this.shelves.get(authorization.acquirer());
		shelf.byId.put(authorization.id(), authorization);
		shelf.arrivalOrder.add(authorization.id());
		while (shelf.byId.size() > this.capacity) {
			String oldest = shelf.arrivalOrder.poll();
			if (oldest == null) {
				break;
			}
			shelf.byId.remove(oldest);
		}
	}

	public Optional<Authorization> find(Acquirer acquirer, String id) {
		return Optional.ofNullable(this.shelves.get(acquirer).byId.get(id));
	}

	/** Every authorization the acquirer still keeps. */
	public java.util.Collection<Authorization> all(Acquirer acquirer) {
		return java.util.List.copyOf(this.shelves.get(acquirer).byId.values());
	}

	public void clear() {
		this.shelves.values().forEach(Shelf::clear);
	}

	private static final class Shelf {

		private final Map<String, Authorization> byId = new ConcurrentHashMap<>();

		private final Queue<String> arrivalOrder = new ConcurrentLinkedQueue<>();

		void clear() {
			this.byId.clear();
			this.arrivalOrder.clear();
		}

	}

}
