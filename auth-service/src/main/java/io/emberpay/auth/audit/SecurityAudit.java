package io.emberpay.auth.audit;

import java.sql.Timestamp;

import io.emberpay.events.EventCodec;
import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.outbox.OutboxWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a security event twice in the caller's transaction: a row in the append-only
 * {@code security_audit} table and an {@code auth.events} record through the outbox.
 */
@Component
public class SecurityAudit {

	/** Whether the action the event describes was allowed. */
	public enum Outcome {

		SUCCESS, FAILURE

	}

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	SecurityAudit(JdbcClient jdbc, OutboxWriter outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	/**
	 * @param actor who acted when it is not the subject itself (an operator), else null
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuthEvent event, String actor, Outcome outcome) {
		record(event, actor, outcome, null);
	}

	/**
	 * @param actor who acted when it is not the subject itself (an operator), else null
	 * @param note why the operator acted: in the audit row's detail only, never in the
	 * event (free text may name people, and Kafka records cannot be erased)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuthEvent event, String actor, Outcome outcome, String note) {
		JsonNode detail = EventCodec.tree(event);
		if (note != null && detail instanceof ObjectNode object) {
			object.put("note", note);
		}
		this.jdbc.sql("""
				insert into security_audit (occurred_at, event_id, event_type, subject, actor, origin, outcome, detail)
				values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
			.params(Timestamp.from(event.occurredAt()), event.eventId(), EventCodec.typeOf(event.getClass()),
					event.subject(), actor, RequestOrigin.current(), outcome.name().toLowerCase(java.util.Locale.ROOT),
					detail.toString())
			.update();
		this.outbox.append(Topics.AUTH, event);
	}

}
