package io.emberpay.testkit;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.PlatformEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes platform events to the real broker as another service's outbox would (a
 * CloudEvents envelope keyed by the aggregate id), so a test drives a service's consumers
 * exactly as production does.
 */
public final class TopicWriter implements AutoCloseable {

	private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map
		.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
			new StringSerializer(), new StringSerializer());

	/**
	 * Publishes and waits for the broker's acknowledgement; answers the envelope sent.
	 */
	public CloudEvent publish(String topic, PlatformEvent event) {
		CloudEvent envelope = EventCodec.envelope("/test", event, null);
		try {
			this.producer.send(new ProducerRecord<>(topic, event.aggregateId(), EventCodec.toJson(envelope)))
				.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("publishing to " + topic + " failed", ex);
		}
		return envelope;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
