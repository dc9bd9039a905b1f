package io.emberpay.starter.outbox;

import java.nio.charset.StandardCharsets;
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
			List<Row> rows = this.jdbc
				.sql("select id, topic, record_key, event_type, payload from outbox_event order by id limit ?")
				.param(this.properties.batchSize())
				.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5)))
				.list();
			if (rows.isEmpty()) {
				return 0;
			}
			send(rows);
			// Delete only the rows sent: a transaction that took a lower id but committed
			// after the select is not in this batch, and "id <= last" would drop it
			// unsent.
			String sent = rows.stream().map(row -> Long.toString(row.id())).collect(Collectors.joining(",", "{", "}"));
			this.jdbc.sql("delete from outbox_event where id = any(cast(? as bigint[]))").param(sent).update();
			return rows.size();
		});
		return (published == null) ? 0 : published;
	}

	private void send(List<Row> rows) {
		List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
		for (Row row : rows) {
			ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
			record.headers().add("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
			record.headers().add("ce_type", row.type().getBytes(StandardCharsets.UTF_8));
			acks.add(this.producer.send(record));
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

	private record Row(long id, String topic, String key, String type, String payload) {
	}

}
