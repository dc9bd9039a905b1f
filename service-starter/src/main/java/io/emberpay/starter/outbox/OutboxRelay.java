package io.emberpay.starter.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.emberpay.events.EventCodec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order, then deletes them. One relay per database
 * at a time (a transaction-scoped advisory lock), so events of one aggregate reach their
 * partition in the order they were committed even with several replicas. A crash after
 * the send and before the delete republishes the batch; consumers deduplicate by event
 * id.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final long RELAY_LOCK = 0x0b7b0c5eL;

	private static final byte[] CONTENT_TYPE = EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Producer<String, String> producer;

	private final OutboxProperties properties;

	private final Semaphore wakeups = new Semaphore(0);

	private volatile boolean running;

	private Thread worker;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, Producer<String, String> producer,
			OutboxProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.producer = producer;
		this.properties = properties;
	}

	void wake() {
		if (this.wakeups.availablePermits() == 0) {
			this.wakeups.release();
		}
	}

	/** Relays one batch; answers how many events it published. */
	public int relayBatch() {
		Integer published = this.transactions.execute(status -> {
			Boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(?)")
				.param(RELAY_LOCK)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(locked)) {
				return 0;
			}
			// rows written by a group commit hold many events: stop once about batchSize
			// events are in
			List<Row> rows = this.jdbc.sql("""
					select id, topic, record_key, event_type, payload, record_keys, event_types
					  from (select o.*, sum(coalesce(cardinality(o.record_keys), 1)) over (order by o.id) as upto
					          from outbox_event o order by o.id limit :rows) r
					 where r.upto - coalesce(cardinality(r.record_keys), 1) < :rows
					 order by r.id""").param("rows", this.properties.batchSize()).query((rs, n) -> {
				Array keys = rs.getArray(6);
				if (keys == null) {
					return new Row(rs.getLong(1),
							List.of(new Message(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
				}
				return new Row(rs.getLong(1), Message.split(rs.getString(2), (String[]) keys.getArray(),
						(String[]) rs.getArray(7).getArray(), rs.getString(5)));
			}).list();
			if (rows.isEmpty()) {
				return 0;
			}
			send(rows);
			// Delete only the rows sent: a transaction that took a lower id but committed
			// after the select is not in this batch, and "id <= last" would drop it
			// unsent.
			String sent = rows.stream().map(row -> Long.toString(row.id())).collect(Collectors.joining(",", "{", "}"));
			this.jdbc.sql("delete from outbox_event where id = any(cast(? as bigint[]))").param(sent).update();
			return rows.stream().mapToInt(row -> row.messages().size()).sum();
		});
		return (published == null) ? 0 : published;
	}

	private void send(List<Row> rows) {
		List<Future<RecordMetadata>> acks = new ArrayList<>();
		for (Row row : rows) {
			for (Message message : row.messages()) {
				ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.key(),
						message.payload());
				record.headers().add("content-type", CONTENT_TYPE);
				record.headers().add("ce_type", message.type().getBytes(StandardCharsets.UTF_8));
				acks.add(this.producer.send(record));
			}
		}
		long deadline = System.nanoTime() + this.properties.sendTimeout().toNanos();
		try {
			for (Future<RecordMetadata> ack : acks) {
				ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while relaying the outbox", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka did not acknowledge the outbox batch", ex);
		}
	}

	private void loop() {
		while (this.running) {
			try {
				if (relayBatch() == 0) {
					this.wakeups.tryAcquire(this.properties.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
					this.wakeups.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("Outbox relay failed, retrying: {}", ex.getMessage());
					pause();
				}
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.worker = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		wake();
		if (this.worker != null) {
			try {
				this.worker.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.producer.close(java.time.Duration.ofSeconds(5));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Row(long id, List<Message> messages) {
	}

	private record Message(String topic, String key, String type, String payload) {

		/** The events of a row written by {@link OutboxWriter#appendAll}. */
		static List<Message> split(String topic, String[] keys, String[] types, String payload) {
			String[] lines = payload.split("\n", -1);
			if (lines.length != keys.length || types.length != keys.length) {
				throw new IllegalStateException(
						"Outbox row lists " + keys.length + " events but holds " + lines.length);
			}
			List<Message> messages = new ArrayList<>(keys.length);
			for (int i = 0; i < keys.length; i++) {
				messages.add(new Message(topic, keys[i], types[i], lines[i]));
			}
			return messages;
		}

	}

}
