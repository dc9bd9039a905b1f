package io.emberpay.starter.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.emberpay.events.EventCodec;
import io.emberpay.events.PlatformEvent;

/**
 * Declares that this service consumes {@code topics} as consumer group {@code consumer}.
 * Declare it as a bean; the starter runs one Kafka consumer thread per subscription.
 *
 * @param types the event types the handler acts on; others on the same topics are passed
 * over without a database write (no inbox row, no transaction work). Empty means every
 * type.
 */
public record EventSubscription(String consumer, List<String> topics, EventHandler handler, Set<String> types) {

	public EventSubscription {
		Objects.requireNonNull(consumer, "consumer");
		Objects.requireNonNull(handler, "handler");
		topics = List.copyOf(topics);
		types = Set.copyOf(types);
		if (topics.isEmpty()) {
			throw new IllegalArgumentException("a subscription needs at least one topic");
		}
	}

	/** A subscription to every event type of {@code topics}. */
	public EventSubscription(String consumer, List<String> topics, EventHandler handler) {
		this(consumer, topics, handler, Set.of());
	}

	/** Only these event classes reach the handler. */
	@SafeVarargs
	public static EventSubscription of(String consumer, List<String> topics, EventHandler handler,
			Class<? extends PlatformEvent>... events) {
		Set<String> types = new HashSet<>();
		for (Class<? extends PlatformEvent> event : events) {
			types.add(EventCodec.typeOf(event));
		}
		return new EventSubscription(consumer, topics, handler, types);
	}

	/** Whether the handler acts on events of this CloudEvents type. */
	public boolean accepts(String type) {
		return this.types.isEmpty() || this.types.contains(type);
	}

}
