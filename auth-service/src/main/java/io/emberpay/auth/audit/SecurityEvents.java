package io.emberpay.auth.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The operator actions in the security audit (rows with an actor): locks, unlocks,
 * revoked sessions, merchant approvals and suspensions. Only named fields of the detail
 * are read out, so nothing the detail may hold beyond them (a merchant's e-mail, a device
 * hash, the request origin) leaves auth-service.
 */
@Repository
public class SecurityEvents {

	private final JdbcClient jdbc;

	SecurityEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Up to {@code limit} events (the caller asks one more to learn whether more exist),
	 * newest first, before the event with id {@code before}; null filters match all.
	 */
	List<SecurityEvent> operatorActions(Filter filter, long before, int limit) {
		return this.jdbc.sql("""
				select id, occurred_at, event_type, subject, actor, outcome,
				       detail ->> 'change' as change, detail ->> 'mode' as mode, detail ->> 'reason' as reason,
				       detail ->> 'note' as note
				from security_audit
				where actor is not null and id < :before
				  and (cast(:type as text) is null or event_type = :type)
				  and (cast(:subject as text) is null or subject = :subject)
				  and (cast(:actor as text) is null or actor = :actor)
				order by id desc limit :limit""")
			.param("before", before)
			.param("type", filter.type())
			.param("subject", filter.subject())
			.param("actor", filter.actor())
			.param("limit", limit)
			.query((rs, n) -> new SecurityEvent(Long.toString(rs.getLong("id")), "security_event",
					rs.getTimestamp("occurred_at").toInstant(), rs.getString("event_type"), rs.getString("subject"),
					rs.getString("actor"), rs.getString("outcome"), rs.getString("change"), rs.getString("mode"),
					rs.getString("reason"), rs.getString("note")))
			.list();
	}

	/** Which events to list; each part is null to match all. */
	record Filter(String type, String subject, String actor) {
	}

	/**
	 * One operator action: {@code change} and {@code mode} for merchant and key changes,
	 * {@code reason} a system reason code, {@code note} the operator's own words.
	 */
	record SecurityEvent(String id, String object, Instant occurredAt, String type, String subject, String actor,
			String outcome, String change, String mode, String reason, String note) {
	}

}
