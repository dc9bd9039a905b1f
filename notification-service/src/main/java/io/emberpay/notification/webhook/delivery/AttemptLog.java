package io.emberpay.notification.webhook.delivery;

import java.sql.Timestamp;
import java.time.Instant;

import io.emberpay.events.ResourceIds;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every delivery attempt: time, status code, latency, error. */
@Repository
public class AttemptLog {

	private final JdbcClient jdbc;

	AttemptLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(ClaimedDelivery delivery, Instant attemptedAt, Integer statusCode, long latencyMs, String error) {
		this.jdbc.sql("""
				insert into webhook_attempt (id, delivery_id, endpoint_id, event_id, attempted_at, status_code,
				    latency_ms, error, succeeded)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(ResourceIds.next("wha"), delivery.id(), delivery.endpointId(), delivery.eventId(),
					Timestamp.from(attemptedAt), statusCode, latencyMs, error, error == null)
			.update();
	}

	/** Newest first; the caller has checked the endpoint belongs to the merchant. */
	public ListPage<AttemptView> list(String endpointId, PageQuery page) {
		return ListPage.of(this.jdbc.sql("""
				select id, event_id, attempted_at, status_code, latency_ms, error, succeeded
				from webhook_attempt
				where endpoint_id = :endpoint and (cast(:after as varchar) is null or id < :after)
				order by id desc limit :limit""")
			.param("endpoint", endpointId)
			.param("after", page.startingAfter())
			.param("limit", page.limit() + 1)
			.query((rs, row) -> new AttemptView(rs.getString("id"), "webhook_attempt", rs.getString("event_id"),
					rs.getTimestamp("attempted_at").toInstant(), (Integer) rs.getObject("status_code"),
					rs.getLong("latency_ms"), rs.getString("error"), rs.getBoolean("succeeded")))
			.list(), page.limit(), attempt -> attempt);
	}

}
