package io.emberpay.starter.outbox;

import java.util.ArrayList;
import java.util.List;

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

	/** Rows per multi-row insert: well below PostgreSQL's 65535 bind parameters. */
	private static final int ROWS_PER_STATEMENT = 500;

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
		if (this.relay != null) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					OutboxWriter.this.relay.wake();
				}
			});
		}
	}

	/**
	 * Appends many events at once, a few statements instead of one per event: for writers
	 * that commit many state changes in one transaction (group commit). Same guarantees
	 * as {@link #append}; the events are relayed in list order.
	 */
	public void appendAll(String topic, List<? extends PlatformEvent> events) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("An outbox event must be written inside the state change's transaction");
		}
		if (events.isEmpty()) {
			return;
		}
		String traceparent = TraceParent.current();
		for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
			List<? extends PlatformEvent> chunk = events.subList(from,
					Math.min(events.size(), from + ROWS_PER_STATEMENT));
			StringBuilder sql = new StringBuilder(
					"insert into outbox_event (event_id, topic, record_key, event_type, payload) values ");
			List<Object> params = new ArrayList<>(chunk.size() * 5);
			for (PlatformEvent event : chunk) {
				CloudEvent envelope = EventCodec.envelope(this.source, event, traceparent);
				sql.append((params.isEmpty()) ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
				params.addAll(List.of(envelope.id(), topic, event.aggregateId(), envelope.type(),
						EventCodec.toJson(envelope)));
			}
			this.jdbc.sql(sql.toString()).params(params).update();
		}
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
