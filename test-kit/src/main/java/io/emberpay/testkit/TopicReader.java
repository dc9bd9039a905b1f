package io.emberpay.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning in the background so tests can assert on the events a
 * service published, through the real broker.
 */
public final class TopicReader implements AutoCloseable {

	private final List<CloudEvent> events = new CopyOnWriteArrayList<>();

	private final List<String> raw = new CopyOnWriteArrayList<>();

	private final KafkaConsumer<String, String> consumer;

	private final Thread worker;

	private volatile boolean running = true;

	public TopicReader(String topic) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedKafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				// as the services' consumers read: events of an aborted outbox
				// transaction are never seen
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
				new StringDeserializer());
		this.consumer.subscribe(List.of(topic));
		this.worker = Thread.ofPlatform().daemon(true).name("topic-reader-" + topic).start(this::read);
	}

	private void read() {
		try {
			while (this.running) {
				this.consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					this.raw.add(record.value());
					try {
						this.events.add(EventCodec.parse(record.value()));
					}
					catch (RuntimeException ex) {
						// not a CloudEvent; kept in raw() for tests that look for leaks
					}
				});
			}
		}
		catch (org.apache.kafka.common.errors.WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close();
		}
	}

	public List<CloudEvent> events() {
		return new ArrayList<>(this.events);
	}

	public List<CloudEvent> events(String type) {
		return this.events.stream().filter(e -> e.type().equals(type)).toList();
	}

	public List<String> raw() {
		return new ArrayList<>(this.raw);
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
	}

}
