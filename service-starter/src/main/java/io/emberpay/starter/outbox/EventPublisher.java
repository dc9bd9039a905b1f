package io.emberpay.starter.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.emberpay.events.EventCodec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Sends committed events to Kafka and returns only once the broker committed every one of
 * them: the outbox relay and any publisher that tails a service's own append-only table
 * send through it, so every event carries the same headers. Delivery is at least once;
 * consumers deduplicate by event id.
 * <p>
 * Each call is one Kafka transaction. Without it a failed call could leave a later event
 * of an aggregate acknowledged and an earlier one not (an idempotent producer keeps order
 * only while its retries last: after a broker crash it fails the expired batches and
 * sends the next ones), and the caller's retry would then deliver the earlier event after
 * the later one; the outbox kill drill saw exactly that. Consumers read committed, so the
 * events of a failed call are never seen and the retry delivers them in order.
 * <p>
 * A producer that failed is closed and replaced by a new one under the same transactional
 * id, which aborts whatever its predecessor left open. Calls are serialized: a
 * transactional producer runs one transaction at a time.
 */
public class EventPublisher implements AutoCloseable {

	private static final byte[] CONTENT_TYPE = EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

	private final Supplier<Producer<String, String>> producers;

	private Producer<String, String> producer;

	/**
	 * @param producers makes a transactional producer (always under the same
	 * transactional id); {@code initTransactions} is called here
	 */
	EventPublisher(Supplier<Producer<String, String>> producers) {
		this.producers = producers;
	}

	/** One CloudEvent as JSON, with its topic, record key and type. */
	public record OutboundEvent(String topic, String key, String type, String payload) {
	}

	/**
	 * Sends the events in list order (per key, Kafka keeps that order) in one transaction
	 * and waits until it is committed.
	 * @throws IllegalStateException when the transaction was not committed; none of the
	 * events is then visible to consumers and the caller must treat all of them as unsent
	 */
	public synchronized void publish(List<OutboundEvent> events) {
		Producer<String, String> current = producer();
		try {
			current.beginTransaction();
			for (OutboundEvent event : events) {
				ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(),
						event.payload());
				record.headers().add("content-type", CONTENT_TYPE);
				record.headers().add("ce_type", event.type().getBytes(StandardCharsets.UTF_8));
				current.send(record);
			}
			// flushes every send and fails when any of them failed
			current.commitTransaction();
		}
		catch (KafkaException | IllegalStateException ex) {
			// whether the commit half-happened or the producer is fenced or broken, a new
			// producer under the same id aborts what this one left open
			discard();
			throw new IllegalStateException("Kafka did not commit the events", ex);
		}
	}

	private Producer<String, String> producer() {
		if (this.producer == null) {
			Producer<String, String> created = this.producers.get();
			try {
				created.initTransactions();
			}
			catch (KafkaException ex) {
				created.close(Duration.ZERO);
				throw new IllegalStateException("Kafka did not accept the outbox producer", ex);
			}
			this.producer = created;
		}
		return this.producer;
	}

	private void discard() {
		if (this.producer != null) {
			this.producer.close(Duration.ZERO);
			this.producer = null;
		}
	}

	@Override
	public synchronized void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

}
