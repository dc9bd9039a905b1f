package io.emberpay.events;

import java.time.Instant;

/**
 * A fact that happened on the platform: past tense, immutable, carrying ids and values
 * only. Every implementation is a record annotated with {@link EventType}.
 */
public interface PlatformEvent {

	/** Unique id ({@code evt_...}); consumers deduplicate on it. */
	String eventId();

	Instant occurredAt();

	/** The aggregate the event belongs to; used as the Kafka record key. */
	String aggregateId();

}
