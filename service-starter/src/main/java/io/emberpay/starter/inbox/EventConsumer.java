package io.emberpay.starter.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.starter.recovery.InfrastructureFailure;
import io.emberpay.starter.recovery.WorkerStatus;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one subscription: polls a batch, applies it in one database transaction (event ids
 * recorded in {@code inbox_event} so a redelivery is a no-op), then commits the offsets.
 * When the batch fails, each record is retried alone; one that still fails while the
 * database answers is parked in {@code inbox_dead_letter} so a poison record never blocks
 * the partition and nothing is dropped.
 * <p>
 * An infrastructure error (database or broker unreachable, in applying, parking or
 * committing) never ends the loop: the consumer rewinds to the first record not yet
 * applied or parked, backs off ({@code emberpay.recovery}) and takes the same records
 * again. Only the thread's end, or a failure that needs a person, shows in
 * {@link WorkerStatus} and so in health and metrics.
 */
class EventConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

	private final EventSubscription subscription;

	private final Consumer<String, String> consumer;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final InboxProperties properties;

	private final EventTracing tracing;

	private final WorkerStatus status;

	private volatile boolean running;

	private Thread worker;

	EventConsumer(EventSubscription subscription, Consumer<String, String> consumer, JdbcClient jdbc,
			TransactionTemplate transactions, InboxProperties properties, EventTracing tracing, WorkerStatus status) {
		this.subscription = subscription;
		this.consumer = consumer;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.tracing = tracing;
		this.status = status;
	}

	WorkerStatus status() {
		return this.status;
	}

	private void loop() {
		try {
			this.consumer.subscribe(this.subscription.topics());
			while (this.running) {
				Map<TopicPartition, Long> resumeAt = new HashMap<>();
				try {
					ConsumerRecords<String, String> records = this.consumer.poll(this.properties.pollTimeout());
					this.status.lag(lag());
					if (!records.isEmpty()) {
						List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
						records.forEach(batch::add);
						batch.forEach((record) -> resumeAt.putIfAbsent(partition(record), record.offset()));
						applyBatch(batch, resumeAt);
						this.consumer.commitSync(Duration.ofSeconds(30));
					}
					this.status.progressed();
				}
				catch (WakeupException | InterruptException ex) {
					if (!this.running) {
						return;
					}
					Thread.interrupted();
				}
				catch (RuntimeException ex) {
					if (!this.running) {
						return;
					}
					rewind(resumeAt);
					Duration backoff = this.status.failed(ex);
					log.warn("Consumer {} could not apply or commit its records ({}); taking them again in {}",
							this.subscription.consumer(), describe(ex), backoff);
					sleep(backoff);
				}
			}
		}
		catch (WakeupException | InterruptException ex) {
			// stop() asked us to leave
		}
		catch (RuntimeException | Error ex) {
			log.error("Consumer {} stopped on an unexpected error", this.subscription.consumer(), ex);
			throw ex;
		}
		finally {
			this.status.stopped();
			Thread.interrupted();
			if (this.running) {
				log.error("Consumer {} stopped while the service runs: nothing is consumed until it restarts",
						this.subscription.consumer());
			}
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	/**
	 * Applies the batch in one transaction, or record by record when that fails.
	 * {@code resumeAt} follows each partition's first record not yet applied or parked.
	 */
	private void applyBatch(List<ConsumerRecord<String, String>> batch, Map<TopicPartition, Long> resumeAt) {
		try {
			this.transactions.executeWithoutResult((status) -> batch.forEach(this::applyOnce));
			this.status.applied();
			batch.forEach((record) -> resumeAt.put(partition(record), record.offset() + 1));
		}
		catch (RuntimeException batchFailure) {
			if (isOutage(batchFailure)) {
				throw batchFailure;
			}
			log.warn("Consumer {} batch of {} failed ({}); retrying record by record", this.subscription.consumer(),
					batch.size(), batchFailure.getMessage());
			for (ConsumerRecord<String, String> record : batch) {
				applyWithRetries(record);
				resumeAt.put(partition(record), record.offset() + 1);
			}
		}
	}

	private void applyWithRetries(ConsumerRecord<String, String> record) {
		RuntimeException last = null;
		for (int attempt = 1; attempt <= this.properties.maxAttempts(); attempt++) {
			if (!this.running) {
				throw new WakeupException();
			}
			try {
				this.transactions.executeWithoutResult((status) -> applyOnce(record));
				this.status.applied();
				return;
			}
			catch (RuntimeException ex) {
				if (isOutage(ex)) {
					throw ex;
				}
				last = ex;
				sleep(this.properties.retryBackoff().multipliedBy(attempt));
			}
		}
		if (this.status.parkingEverything()) {
			// every record lately failed: the handler or something it needs is broken,
			// not
			// the records; hold this one (state failing, readiness DOWN) instead of
			// draining the topic into the dead-letter table
			throw new HandlerFailing(last);
		}
		park(record, last);
		this.status.parked();
	}

	/**
	 * An outage, not a bad record: the error says the database or broker is unreachable,
	 * or the database does not answer a trivial query right now.
	 */
	private boolean isOutage(RuntimeException error) {
		if (InfrastructureFailure.isCauseOf(error)) {
			return true;
		}
		try {
			this.jdbc.sql("select 1").query(Integer.class).single();
			return false;
		}
		catch (RuntimeException unreachable) {
			return true;
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

	/**
	 * Writes the record to the dead-letter table with the reason, once: a record taken
	 * again after a crash or rewind is not parked twice.
	 */
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
				select :consumer, :topic, :partition, :offset, :eventId, :payload, :error
				 where not exists (select 1 from inbox_dead_letter
				                    where consumer = :consumer and topic = :topic
				                      and partition_no = :partition and record_offset = :offset)""")
			.param("consumer", this.subscription.consumer())
			.param("topic", record.topic())
			.param("partition", record.partition())
			.param("offset", record.offset())
			.param("eventId", eventId)
			.param("payload", (record.value() == null) ? "" : record.value())
			.param("error", String.valueOf(error))
			.update();
	}

	/** Seeks each partition still assigned back to its first record not yet done. */
	private void rewind(Map<TopicPartition, Long> resumeAt) {
		try {
			Set<TopicPartition> assigned = this.consumer.assignment();
			resumeAt.forEach((partition, offset) -> {
				if (assigned.contains(partition)) {
					this.consumer.seek(partition, offset);
				}
			});
		}
		catch (RuntimeException ex) {
			// a rebalance took the partitions: their next owner starts from the committed
			// offsets, and the inbox makes the overlap a no-op
			log.debug("Consumer {} could not rewind: {}", this.subscription.consumer(), ex.getMessage());
		}
	}

	private long lag() {
		long lag = 0;
		for (TopicPartition partition : this.consumer.assignment()) {
			OptionalLong known = this.consumer.currentLag(partition);
			lag += known.orElse(0);
		}
		return lag;
	}

	private static TopicPartition partition(ConsumerRecord<String, String> record) {
		return new TopicPartition(record.topic(), record.partition());
	}

	private static String describe(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root == error) ? String.valueOf(error) : error.getClass().getSimpleName() + " caused by " + root;
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			if (!this.running) {
				throw new WakeupException();
			}
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
			this.worker.interrupt();
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

	/** Every record lately failed while the database answered. */
	private static final class HandlerFailing extends RuntimeException {

		HandlerFailing(RuntimeException last) {
			super("every recent record failed; holding instead of parking", last);
		}

	}

}
