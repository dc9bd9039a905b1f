package io.emberpay.notification.notice;

import java.sql.Timestamp;
import java.time.Instant;

import io.emberpay.events.ResourceIds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores notices in the caller's transaction; {@link NoticeDispatcher} sends them. A
 * notice is unique per (source event, recipient, channel, kind), so a replayed event
 * sends nothing twice.
 */
@Repository
public class NoticeOutbox {

	private final JdbcClient jdbc;

	NoticeOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void enqueue(String recipient, String channel, String kind, String sourceEvent, String subject, String body,
			Instant now) {
		this.jdbc.sql("""
				insert into user_notice (id, recipient, channel, kind, source_event, subject, body, state,
				    next_attempt_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
				on conflict (source_event, recipient, channel, kind) do nothing""")
			.params(ResourceIds.next("ntc"), recipient, channel, kind, sourceEvent, subject, body, Timestamp.from(now),
					Timestamp.from(now))
			.update();
	}

	/** Tells a merchant by email that an endpoint stopped accepting our webhooks. */
	public void alertMerchantEndpointFailing(String merchant, String endpointId, String url, String eventId,
			Instant now) {
		enqueue(merchant, "email", "endpoint_failing", "endpoint_failing:" + endpointId + ":" + eventId,
				"Your webhook endpoint is failing", """
						We could not deliver event %s to your webhook endpoint %s (%s) for more than three days.
						The endpoint is now marked failing. Nothing is lost: fix the endpoint, then list undelivered
						events with GET /v1/events?delivery_status=undelivered and replay them with
						POST /v1/events/{id}/redeliver.
						""".formatted(eventId, endpointId, url), now);
	}

	/** Tells a merchant by email that an endpoint answered 410 Gone and was disabled. */
	public void alertMerchantEndpointGone(String merchant, String endpointId, String url, String eventId, Instant now) {
		enqueue(merchant, "email", "endpoint_gone", "endpoint_gone:" + endpointId + ":" + eventId,
				"Your webhook endpoint was disabled", """
						Your webhook endpoint %s (%s) answered 410 Gone to event %s, so we disabled it.
						Events keep being recorded but are not sent to a disabled endpoint. To receive them again,
						send POST /v1/webhook_endpoints/%s with {"disabled": false}; GET /v1/events lists what you
						missed (delivery_status failed or none) and POST /v1/events/{id}/redeliver replays it.
						""".formatted(endpointId, url, eventId, endpointId), now);
	}

}
