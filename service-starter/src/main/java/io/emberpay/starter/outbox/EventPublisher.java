package io.emberpay.starter.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.emberpay.events.EventCodec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends committed events to Kafka and returns only once the broker acknowledged every one
 * of them (idempotent producer, {@code acks=all}): the outbox relay and any publisher
 * that tails a service's own append-only table send through it, so every event carries
 * the same headers. Delivery is at least once; consumers deduplicate by event id.
 */
public class EventPublisher implements AutoCloseable {

	private static final byte[] CONTENT_TYPE = EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

	private final Producer<String, String> producer;

	private final Duration sendTimeout;

	EventPublisher(Producer<String, String> producer, Duration sendTimeout) {
		this.producer = producer;
		this.sendTimeout = sendTimeout;
	}

	/** One CloudEvent as JSON, with its topic, record key and type. */
	public record OutboundEvent(String topic, String key, String type, String payload) {
	}

	/**
	 * Sends the events in list order (per key, Kafka keeps that order) and waits for
	 * every acknowledgement.
	 * @throws IllegalStateException when any event was not acknowledged in time; the
	 * caller must then treat all of them as unsent
	 */
	public void publish(List<OutboundEvent> events) {
		List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
		for (OutboundEvent event : events) {
			ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
			record.headers().add("content-type", CONTENT_TYPE);
			record.headers().add("ce_type", event.type().getBytes(StandardCharsets.UTF_8));
			acks.add(this.producer.send(record));
		}
		long deadline = System.nanoTime() + this.sendTimeout.toNanos();
		try {
			for (Future<RecordMetadata> ack : acks) {
				ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing events", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka did not acknowledge the events", ex);
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
