package io.emberpay.starter.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one subscription: polls a batch, applies it in one database transaction (event ids
 * recorded in {@code inbox_event} so a redelivery is a no-op), then commits the offsets.
 * When the batch fails, each record is retried alone; one that still fails is parked in
 * {@code inbox_dead_letter} so a poison record never blocks the partition and nothing is
 * dropped.
 */
class EventConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

	private final EventSubscription subscription;

	private final Consumer<String, String> consumer;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final InboxProperties properties;

	private final EventTracing tracing;

	private volatile boolean running;

	private Thread worker;

	EventConsumer(EventSubscription subscription, Consumer<String, String> consumer, JdbcClient jdbc,
			TransactionTemplate transactions, InboxProperties properties, EventTracing tracing) {
		this.subscription = subscription;
		this.consumer = consumer;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.tracing = tracing;
	}

	private void loop() {
		try {
			this.consumer.subscribe(this.subscription.topics());
			while (this.running) {
				ConsumerRecords<String, String> records = this.consumer.poll(this.properties.pollTimeout());
				if (records.isEmpty()) {
					continue;
				}
				List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
				records.forEach(batch::add);
				applyBatch(batch);
				this.consumer.commitSync(Duration.ofSeconds(30));
			}
		}
		catch (WakeupException ex) {
			// stop() asked us to leave poll()
		}
		catch (RuntimeException ex) {
			log.error("Consumer {} stopped on an unexpected error", this.subscription.consumer(), ex);
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	private void applyBatch(List<ConsumerRecord<String, String>> batch) {
		try {
			this.transactions.executeWithoutResult(status -> batch.forEach(this::applyOnce));
		}
		catch (RuntimeException batchFailure) {
			log.warn("Consumer {} batch of {} failed ({}); retrying record by record", this.subscription.consumer(),
					batch.size(), batchFailure.getMessage());
			batch.forEach(this::applyWithRetries);
		}
	}

	private void applyWithRetries(ConsumerRecord<String, String> record) {
		RuntimeException last = null;
		for (int attempt = 1; attempt <= this.properties.maxAttempts() && this.running; attempt++) {
			try {
				this.transactions.executeWithoutResult(status -> applyOnce(record));
				return;
			}
			catch (RuntimeException ex) {
				last = ex;
				sleep(this.properties.retryBackoff().multipliedBy(attempt));
			}
		}
		if (last != null) {
			park(record, last);
		}
	}

	private void applyOnce(ConsumerRecord<String, String> record) {
		CloudEvent envelope = EventCodec.parse(record.value());
		if (!this.subscription.accepts(envelope.type())) {
			return;
		}
		int inserted = this.jdbc
			.sql("insert into inbox_event (consumer, event_id) values (?, ?) on conflict do nothing")
			.params(this.subscription.consumer(), envelope.id())
			.update();
		if (inserted == 0) {
			return;
		}
		ReceivedEvent event = new ReceivedEvent(envelope, EventCodec.decode(envelope), record.topic(),
				record.partition(), record.offset());
		this.tracing.within(envelope, this.subscription.consumer(), () -> {
			this.subscription.handler().handle(event);
			log.info("Applied {} {} for {}", envelope.type(), envelope.id(), envelope.subject());
		});
	}

	private void park(ConsumerRecord<String, String> record, RuntimeException error) {
		log.error("Consumer {} parked {}-{}@{} after {} attempts", this.subscription.consumer(), record.topic(),
				record.partition(), record.offset(), this.properties.maxAttempts(), error);
		String eventId = null;
		try {
			eventId = EventCodec.parse(record.value()).id();
		}
		catch (RuntimeException unreadable) {
			// the record is not a CloudEvent at all; keep it whole
		}
		this.jdbc.sql("""
				insert into inbox_dead_letter (consumer, topic, partition_no, record_offset, event_id, payload, error)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(this.subscription.consumer(), record.topic(), record.partition(), record.offset(), eventId,
					(record.value() == null) ? "" : record.value(), String.valueOf(error))
			.update();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.worker = Thread.ofPlatform()
			.name("consumer-" + this.subscription.consumer())
			.daemon(true)
			.start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		this.consumer.wakeup();
		if (this.worker != null) {
			try {
				this.worker.join(15_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
