package io.emberpay.starter.outbox;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.emberpay.starter.outbox.EventPublisher.OutboundEvent;
import io.emberpay.starter.recovery.RecoveryProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order, then deletes them. One relay per database
 * at a time (a transaction-scoped advisory lock), so events of one aggregate reach their
 * partition in the order they were committed even with several replicas. A crash after
 * the send and before the delete republishes the batch; consumers deduplicate by event
 * id.
 */
public class OutboxRelay extends PublishingWorker {

	private static final long RELAY_LOCK = 0x0b7b0c5eL;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final EventPublisher publisher;

	private final OutboxProperties properties;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, EventPublisher publisher,
			OutboxProperties properties, RecoveryProperties recovery) {
		super("outbox-relay", properties.idlePoll(), properties.relayEnabled(), recovery);
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.publisher = publisher;
		this.properties = properties;
	}

	/** Relays one batch; answers how many events it published. */
	@Override
	public int publishBatch() {
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
					return new Row(rs.getLong(1), List
						.of(new OutboundEvent(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
				}
				return new Row(rs.getLong(1), split(rs.getString(2), (String[]) keys.getArray(),
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
		this.publisher.publish(rows.stream().flatMap(row -> row.messages().stream()).toList());
	}

	private record Row(long id, List<OutboundEvent> messages) {
	}

	/** The events of a row written by {@link OutboxWriter#appendAll}. */
	private static List<OutboundEvent> split(String topic, String[] keys, String[] types, String payload) {
		String[] lines = payload.split("\n", -1);
		if (lines.length != keys.length || types.length != keys.length) {
			throw new IllegalStateException("Outbox row lists " + keys.length + " events but holds " + lines.length);
		}
		List<OutboundEvent> messages = new ArrayList<>(keys.length);
		for (int i = 0; i < keys.length; i++) {
			messages.add(new OutboundEvent(topic, keys[i], types[i], lines[i]));
		}
		return messages;
	}

}
