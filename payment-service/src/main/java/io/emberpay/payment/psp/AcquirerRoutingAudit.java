package io.emberpay.payment.psp;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The operators' routing changes ({@code acquirer_routing_audit}): who drained, forced
 * open or resumed which acquirer, when, why and from which state.
 */
@Repository
class AcquirerRoutingAudit {

	private final JdbcClient jdbc;

	AcquirerRoutingAudit(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Up to {@code limit} changes (the caller asks one more to learn whether more exist),
	 * newest first, before the change with id {@code before}; {@code acquirer} null for
	 * every acquirer.
	 */
	List<RoutingChange> changes(String acquirer, long before, int limit) {
		return this.jdbc.sql("""
				select id, acquirer, previous_state, state, reason, changed_by, changed_at
				from acquirer_routing_audit
				where id < :before and (cast(:acquirer as text) is null or acquirer = :acquirer)
				order by id desc limit :limit""")
			.param("before", before)
			.param("acquirer", acquirer)
			.param("limit", limit)
			.query((rs, n) -> new RoutingChange(Long.toString(rs.getLong("id")), "acquirer_routing_change",
					rs.getString("acquirer"), rs.getString("previous_state"), rs.getString("state"),
					rs.getString("reason"), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	record RoutingChange(String id, String object, String psp, String previousState, String state, String reason,
			String changedBy, Instant changedAt) {
	}

}
