package io.emberpay.notification.webhook.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.emberpay.notification.config.WebhookProperties;
import io.emberpay.notification.notice.NoticeOutbox;
import io.emberpay.notification.webhook.WebhookPayloadVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims due deliveries and records what became of them. Several replicas claim at once:
 * endpoint rows are locked with {@code SKIP LOCKED}, so one replica at a time tops up an
 * endpoint's in-flight deliveries to at most {@code maxInFlightPerEndpoint}, and delivery
 * rows are leased with {@code SKIP LOCKED} too. A slow or dead endpoint therefore holds
 * only its own few slots and never the others' work.
 */
@Repository
class DeliveryStore {

	private static final Logger log = LoggerFactory.getLogger(DeliveryStore.class);

	private static final String DUE = """
			state = 'pending' and next_attempt_at <= :now and (lease_until is null or lease_until < now())""";

	private static final int GONE = 410;

	private final JdbcClient jdbc;

	private final RetrySchedule schedule;

	private final AttemptLog attempts;

	private final NoticeOutbox notices;

	private final int maxInFlightPerEndpoint;

	private final Duration lease;

	DeliveryStore(JdbcClient jdbc, RetrySchedule schedule, AttemptLog attempts, NoticeOutbox notices,
			WebhookProperties properties) {
		this.jdbc = jdbc;
		this.schedule = schedule;
		this.attempts = attempts;
		this.notices = notices;
		this.maxInFlightPerEndpoint = properties.maxInFlightPerEndpoint();
		this.lease = properties.leaseDuration();
	}

	/** Leases up to {@code limit} due deliveries, oldest due first. */
	@Transactional
	List<ClaimedDelivery> claim(Instant now, int limit) {
		List<String> endpoints = this.jdbc
			.sql("select endpoint_id from webhook_delivery where " + DUE
					+ " group by endpoint_id order by min(next_attempt_at) limit :limit")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(String.class)
			.list();
		if (endpoints.isEmpty()) {
			return List.of();
		}
		List<String> locked = this.jdbc.sql("""
				select id from webhook_endpoint where id = any(:ids) and status in ('enabled', 'failing')
				order by id for update skip locked""")
			.param("ids", endpoints.toArray(String[]::new))
			.query(String.class)
			.list();
		List<ClaimedDelivery> claimed = new ArrayList<>();
		for (String endpoint : locked) {
			if (claimed.size() < limit) {
				claimed.addAll(lease(endpoint, now, limit - claimed.size()));
			}
		}
		claimed.sort(Comparator.comparing(ClaimedDelivery::dueAt).thenComparingLong(ClaimedDelivery::id));
		return claimed;
	}

	/**
	 * Leases the endpoint's oldest due deliveries, as many as its free in-flight slots
	 * allow (the endpoint row is locked, so no other replica counts at the same time).
	 */
	private List<ClaimedDelivery> lease(String endpoint, Instant now, int slots) {
		return this.jdbc.sql("""
				update webhook_delivery d set lease_until = now() + make_interval(secs => :lease)
				from webhook_event e, webhook_endpoint w
				where d.id in (select id from webhook_delivery where endpoint_id = :endpoint and\s""" + DUE + """
				                order by next_attempt_at, id
				                limit greatest(0, least(:slots, :perEndpoint - (
				                    select count(*) from webhook_delivery
				                    where endpoint_id = :endpoint and state = 'pending' and lease_until >= now())))
				                for update skip locked)
				  and e.id = d.event_id and w.id = d.endpoint_id
				returning d.id, d.event_id, d.endpoint_id, w.merchant, w.url, e.body, d.schedule_step,
				          d.next_attempt_at, w.secret_ciphertext, w.previous_secret_ciphertext,
				          w.previous_secret_expires_at, w.api_version""")
			.param("lease", this.lease.toSeconds())
			.param("endpoint", endpoint)
			.param("now", Timestamp.from(now))
			.param("slots", slots)
			.param("perEndpoint", this.maxInFlightPerEndpoint)
			.query((rs, row) -> {
				Timestamp previousUntil = rs.getTimestamp("previous_secret_expires_at");
				return new ClaimedDelivery(rs.getLong("id"), rs.getString("event_id"), rs.getString("endpoint_id"),
						rs.getString("merchant"), rs.getString("url"),
						WebhookPayloadVersions.shape(rs.getString("body"), rs.getString("api_version")),
						rs.getInt("schedule_step"), rs.getTimestamp("next_attempt_at").toInstant(),
						rs.getBytes("secret_ciphertext"), rs.getBytes("previous_secret_ciphertext"),
						(previousUntil != null) ? previousUntil.toInstant() : null);
			})
			.list();
	}

	/**
	 * Records one attempt. A success settles the delivery (and clears a failing
	 * endpoint); a failure schedules the next attempt, or, once the schedule is
	 * exhausted, marks the delivery failed (still replayable), the endpoint failing, and
	 * alerts the merchant.
	 */
	@Transactional
	void record(ClaimedDelivery delivery, Instant attemptedAt, Integer statusCode, long latencyMs, String error) {
		record(delivery, attemptedAt, statusCode, latencyMs, error, AttemptExchange.NONE);
	}

	/** As above, keeping what was sent and the start of the answer in the attempt log. */
	@Transactional
	void record(ClaimedDelivery delivery, Instant attemptedAt, Integer statusCode, long latencyMs, String error,
			AttemptExchange exchange) {
		this.attempts.record(delivery, attemptedAt, statusCode, latencyMs, error, exchange);
		if (error == null) {
			this.jdbc
				.sql("""
						update webhook_delivery set state = 'succeeded', delivered_at = :at, attempt_count = attempt_count + 1,
						    lease_until = null, last_status_code = :status, last_error = null
						where id = :id and state = 'pending'""")
				.param("id", delivery.id())
				.param("at", Timestamp.from(attemptedAt))
				.param("status", statusCode)
				.update();
			this.jdbc.sql("""
					update webhook_endpoint set status = 'enabled', failing_since = null
					where id = ? and status = 'failing'""").param(delivery.endpointId()).update();
			return;
		}
		if (statusCode != null && statusCode == GONE) {
			gone(delivery, attemptedAt, error);
			return;
		}
		Optional<Instant> next = this.schedule.nextAttempt(delivery.scheduleStep(), attemptedAt);
		if (next.isPresent()) {
			this.jdbc.sql("""
					update webhook_delivery set next_attempt_at = :next, schedule_step = schedule_step + 1,
					    attempt_count = attempt_count + 1, lease_until = null, last_status_code = :status,
					    last_error = :error
					where id = :id and state = 'pending'""")
				.param("id", delivery.id())
				.param("next", Timestamp.from(next.get()))
				.param("status", statusCode)
				.param("error", error)
				.update();
			return;
		}
		exhausted(delivery, attemptedAt, statusCode, error);
	}

	/**
	 * The receiver said 410 Gone: it wants no more webhooks (Standard Webhooks). The
	 * endpoint is disabled, not deleted, so nothing is lost: its pending deliveries wait,
	 * this event stays replayable, and the merchant is told how to turn it back on.
	 */
	private void gone(ClaimedDelivery delivery, Instant attemptedAt, String error) {
		settleAsFailed(delivery, GONE, error);
		int disabled = this.jdbc.sql("""
				update webhook_endpoint set status = 'disabled', updated_at = ?
				where id = ? and status in ('enabled', 'failing')""")
			.params(Timestamp.from(attemptedAt), delivery.endpointId())
			.update();
		if (disabled == 1) {
			this.notices.alertMerchantEndpointGone(delivery.merchant(), delivery.endpointId(), delivery.url(),
					delivery.eventId(), attemptedAt);
		}
	}

	private void settleAsFailed(ClaimedDelivery delivery, Integer statusCode, String error) {
		this.jdbc.sql("""
				update webhook_delivery set state = 'failed', attempt_count = attempt_count + 1, lease_until = null,
				    last_status_code = :status, last_error = :error
				where id = :id and state = 'pending'""")
			.param("id", delivery.id())
			.param("status", statusCode)
			.param("error", error)
			.update();
	}

	private void exhausted(ClaimedDelivery delivery, Instant attemptedAt, Integer statusCode, String error) {
		settleAsFailed(delivery, statusCode, error);
		int markedFailing = this.jdbc.sql("""
				update webhook_endpoint set status = 'failing', failing_since = :at
				where id = :id and status = 'enabled'""")
			.param("id", delivery.endpointId())
			.param("at", Timestamp.from(attemptedAt))
			.update();
		log.warn("Webhook delivery {} of {} to endpoint {} exhausted its retries: {}", delivery.id(),
				delivery.eventId(), delivery.endpointId(), error);
		if (markedFailing == 1) {
			this.notices.alertMerchantEndpointFailing(delivery.merchant(), delivery.endpointId(), delivery.url(),
					delivery.eventId(), attemptedAt);
		}
	}

}
