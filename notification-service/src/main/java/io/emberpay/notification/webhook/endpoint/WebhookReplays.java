package io.emberpay.notification.webhook.endpoint;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.emberpay.events.ResourceIds;
import io.emberpay.notification.webhook.endpoint.WebhookEndpoint.EndpointStatus;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replays an endpoint's given-up deliveries (issue #25): every event created in the range
 * whose delivery to this endpoint ended {@code failed} (retries exhausted, or a 410) is
 * queued again now, through the ordinary claim, signing and retry path, at most
 * {@link #MAX_EVENTS} per request, oldest first. Queued deliveries are pending, no longer
 * failed, so the same request made again queues the next ones.
 */
@Service
class WebhookReplays {

	static final int MAX_EVENTS = 1000;

	private static final Logger log = LoggerFactory.getLogger(WebhookReplays.class);

	private final WebhookEndpointStore endpoints;

	private final JdbcClient jdbc;

	private final Clock clock;

	WebhookReplays(WebhookEndpointStore endpoints, JdbcClient jdbc, Clock clock) {
		this.endpoints = endpoints;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	WebhookReplayView replay(String merchant, boolean livemode, String endpointId,
			WebhookEndpointRequests.Replay request) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		ReplayRange range = ReplayRange.parse(request.createdGte(), request.createdLt(), now);
		// locked, so a disable or delete waits for the replay, and two replays queue each
		// delivery once
		WebhookEndpoint endpoint = this.endpoints.findForUpdate(merchant, livemode, endpointId)
			.orElseThrow(() -> ApiException.notFound("webhook endpoint", endpointId));
		if (endpoint.status() == EndpointStatus.DISABLED) {
			throw new ApiException(CommonError.STATE_CONFLICT,
					"The endpoint is disabled: enable it, then replay its failed events");
		}
		List<Long> failed = failedDeliveries(endpoint, range);
		boolean hasMore = failed.size() > MAX_EVENTS;
		List<Long> queued = hasMore ? failed.subList(0, MAX_EVENTS) : failed;
		requeue(queued, now);
		String id = ResourceIds.next("whr");
		this.jdbc.sql("""
				insert into webhook_replay (id, merchant, endpoint_id, created_gte, created_lt, events_queued, has_more,
				    created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, merchant, endpoint.id(), Timestamp.from(range.createdGte()), Timestamp.from(range.createdLt()),
					queued.size(), hasMore, Timestamp.from(now))
			.update();
		log.info("Webhook replay {} by merchant {} of endpoint {}: {} failed events of [{}, {}) queued{}", id, merchant,
				endpoint.id(), queued.size(), range.createdGte(), range.createdLt(), hasMore ? ", more remain" : "");
		return new WebhookReplayView(id, "webhook_replay", endpoint.id(), range.createdGte(), range.createdLt(),
				queued.size(), hasMore, now.truncatedTo(ChronoUnit.SECONDS));
	}

	/** Up to one more than a request may queue, oldest event first, locked. */
	private List<Long> failedDeliveries(WebhookEndpoint endpoint, ReplayRange range) {
		return this.jdbc.sql("""
				select d.id from webhook_delivery d join webhook_event e on e.id = d.event_id
				where d.endpoint_id = :endpoint and d.state = 'failed' and e.merchant = :merchant
				  and e.created_at >= :gte and e.created_at < :lt
				order by e.created_at, e.id limit :limit
				for update of d""")
			.param("endpoint", endpoint.id())
			.param("merchant", endpoint.merchant())
			.param("gte", Timestamp.from(range.createdGte()))
			.param("lt", Timestamp.from(range.createdLt()))
			.param("limit", MAX_EVENTS + 1)
			.query(Long.class)
			.list();
	}

	/** Due now, at the start of the retry schedule, as a redelivery is. */
	private void requeue(List<Long> deliveries, Instant now) {
		if (deliveries.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update webhook_delivery set state = 'pending', schedule_step = 0, next_attempt_at = :now,
				    lease_until = null
				where id = any(:ids) and state = 'failed'""")
			.param("ids", deliveries.toArray(Long[]::new))
			.param("now", Timestamp.from(now))
			.update();
	}

}
