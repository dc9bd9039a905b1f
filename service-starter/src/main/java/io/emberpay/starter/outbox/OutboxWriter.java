package io.emberpay.starter.outbox;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.PlatformEvent;
import org.slf4j.MDC;

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
		CloudEvent envelope = EventCodec.envelope(this.source, event, traceparent());
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
	 * W3C trace context of the current span, when tracing put one in the logging context.
	 */
	private static String traceparent() {
		String traceId = MDC.get("traceId");
		String spanId = MDC.get("spanId");
		if (traceId == null || spanId == null || traceId.length() != 32 || spanId.length() != 16) {
			return null;
		}
		return "00-" + traceId + "-" + spanId + "-01";
	}

}
