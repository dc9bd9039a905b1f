package io.emberpay.starter.outbox;

import java.util.List;
import java.util.StringJoiner;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.PlatformEvent;
import io.emberpay.starter.web.TraceParent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an event to the outbox inside the caller's transaction: the event exists
 * exactly when the state change it describes commits.
 */
public class OutboxWriter {

	private final JdbcClient jdbc;

	private final String source;

	private final OutboxRelay relay;

	OutboxWriter(JdbcClient jdbc, String source, OutboxRelay relay) {
		this.jdbc = jdbc;
		this.source = source;
		this.relay = relay;
	}

	public void append(String topic, PlatformEvent event) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("An outbox event must be written inside the state change's transaction");
		}
		CloudEvent envelope = EventCodec.envelope(this.source, event, TraceParent.current());
		this.jdbc
			.sql("insert into outbox_event (event_id, topic, record_key, event_type, payload) values (?, ?, ?, ?, ?)")
			.params(envelope.id(), topic, event.aggregateId(), envelope.type(), EventCodec.toJson(envelope))
			.update();
		wakeRelayAfterCommit();
	}

	/**
	 * Appends many events as one outbox row: for writers that commit many state changes
	 * in one transaction (group commit), where a row per event would cost a heap row, two
	 * index entries and a dead tuple per event. Same guarantees as {@link #append}; the
	 * relay publishes the events one by one, in list order.
	 */
	public void appendAll(String topic, List<? extends PlatformEvent> events) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("An outbox event must be written inside the state change's transaction");
		}
		if (events.isEmpty()) {
			return;
		}
		String traceparent = TraceParent.current();
		String[] keys = new String[events.size()];
		String[] types = new String[events.size()];
		StringJoiner lines = new StringJoiner("\n");
		String firstId = null;
		for (int i = 0; i < events.size(); i++) {
			PlatformEvent event = events.get(i);
			CloudEvent envelope = EventCodec.envelope(this.source, event, traceparent);
			firstId = (firstId != null) ? firstId : envelope.id();
			keys[i] = event.aggregateId();
			types[i] = envelope.type();
			lines.add(EventCodec.toJson(envelope));
		}
		this.jdbc.sql("""
				insert into outbox_event (event_id, topic, record_keys, event_types, payload)
				values (?, ?, ?::varchar[], ?::varchar[], ?)""")
			.params(firstId, topic, keys, types, lines.toString())
			.update();
		wakeRelayAfterCommit();
	}

	private void wakeRelayAfterCommit() {
		if (this.relay != null) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					OutboxWriter.this.relay.wake();
				}
			});
		}
	}

}
