package io.emberpay.notification.webhook.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every delivery attempt: time, status code, latency, error, and what was sent and the
 * start of the answer, each bounded by {@link AttemptExchange}.
 */
@Repository
public class AttemptLog {

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	AttemptLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(ClaimedDelivery delivery, Instant attemptedAt, Integer statusCode, long latencyMs, String error,
			AttemptExchange exchange) {
		String headers = exchange.requestHeaders().isEmpty() ? null
				: EventCodec.json().writeValueAsString(exchange.requestHeaders());
		this.jdbc.sql("""
				insert into webhook_attempt (id, delivery_id, endpoint_id, event_id, attempted_at, status_code,
				    latency_ms, error, succeeded, request_headers, request_body, request_body_truncated, response_body)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)""")
			.params(ResourceIds.next("wha"), delivery.id(), delivery.endpointId(), delivery.eventId(),
					Timestamp.from(attemptedAt), statusCode, latencyMs, error, error == null, headers,
					exchange.requestBody(), exchange.requestBodyTruncated(), exchange.responseBody())
			.update();
	}

	/** Newest first; the caller has checked the endpoint belongs to the merchant. */
	public ListPage<AttemptView> list(String endpointId, PageQuery page) {
		return ListPage.of(this.jdbc.sql("""
				select id, event_id, attempted_at, status_code, latency_ms, error, succeeded, request_headers,
				       request_body, request_body_truncated, response_body
				from webhook_attempt
				where endpoint_id = :endpoint and (cast(:after as varchar) is null or id < :after)
				order by id desc limit :limit""")
			.param("endpoint", endpointId)
			.param("after", page.startingAfter())
			.param("limit", page.limit() + 1)
			.query(AttemptLog::view)
			.list(), page.limit(), attempt -> attempt);
	}

	private static AttemptView view(ResultSet rs, int row) throws SQLException {
		Integer statusCode = (Integer) rs.getObject("status_code");
		String headers = rs.getString("request_headers");
		AttemptView.Request request = (headers == null) ? null
				: new AttemptView.Request(EventCodec.json().readValue(headers, HEADERS), rs.getString("request_body"),
						rs.getBoolean("request_body_truncated"));
		AttemptView.Response response = (headers == null || statusCode == null) ? null
				: new AttemptView.Response(statusCode, rs.getString("response_body"));
		return new AttemptView(rs.getString("id"), "webhook_attempt", rs.getString("event_id"),
				rs.getTimestamp("attempted_at").toInstant(), statusCode, rs.getLong("latency_ms"),
				rs.getString("error"), rs.getBoolean("succeeded"), request, response);
	}

}
