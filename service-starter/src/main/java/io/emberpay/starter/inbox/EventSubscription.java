package io.emberpay.starter.inbox;

import java.util.List;
import java.util.Objects;

/**
 * Declares that this service consumes {@code topics} as consumer group {@code consumer}.
 * Declare it as a bean; the starter runs one Kafka consumer thread per subscription.
 */
public record EventSubscription(String consumer, List<String> topics, EventHandler handler) {

	public EventSubscription {
		Objects.requireNonNull(consumer, "consumer");
		Objects.requireNonNull(handler, "handler");
		topics = List.copyOf(topics);
		if (topics.isEmpty()) {
			throw new IllegalArgumentException("a subscription needs at least one topic");
		}
	}

}
