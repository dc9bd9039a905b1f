package io.emberpay.notification.webhook.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.EventCodec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Merchant events and their fan-out into deliveries, both written before anything is
 * sent.
 */
@Repository
public class WebhookEventStore {

	/**
	 * Enabled endpoints of the event's merchant and mode subscribed to its type; an event
	 * stored without a mode counts as test, as in {@link #IN_MODE}.
	 */
	private static final String SUBSCRIBED = """
			w.merchant = :merchant and w.status in ('enabled', 'failing')
			and (:type = any(w.events) or '*' = any(w.events))
			and w.livemode = coalesce(cast(:livemode as boolean), false)""";

	private static final String VIEW = """
			select e.id, e.type, e.created_at, e.livemode, e.body,
			       count(d.id) as total,
			       count(d.id) filter (where d.state = 'succeeded') as succeeded,
			       count(d.id) filter (where d.state = 'pending') as pending,
			       count(d.id) filter (where d.state = 'failed') as failed
			from webhook_event e
			left join webhook_delivery d on d.event_id = e.id and d.state <> 'canceled'
			""";

	/** An event whose source named no mode counts as a test event. */
	private static final String IN_MODE = " coalesce(e.livemode, false) = :livemode ";

	private final JdbcClient jdbc;

	WebhookEventStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the event and one pending delivery per subscribed endpoint; answers how many
	 * deliveries were created (0 too when the event was already stored).
	 */
	public int record(PublicEvent event, Instant receivedAt) {
		int inserted = this.jdbc.sql("""
				insert into webhook_event (id, merchant, type, livemode, created_at, received_at, body)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""")
			.params(event.id(), event.merchant(), event.type(), event.livemode(), Timestamp.from(event.created()),
					Timestamp.from(receivedAt), event.body())
			.update();
		if (inserted == 0) {
			return 0;
		}
		return this.jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, state, next_attempt_at, created_at)
				select :id, w.id, 'pending', :now, :now from webhook_endpoint w
				where\s""" + SUBSCRIBED + """
				on conflict (event_id, endpoint_id) do nothing""")
			.param("id", event.id())
			.param("merchant", event.merchant())
			.param("type", event.type())
			.param("livemode", event.livemode())
			.param("now", Timestamp.from(receivedAt))
			.update();
	}

	List<WebhookEventView> list(String merchant, boolean livemode, String type, DeliveryStatus status,
			String startingAfter, int limitPlusOne) {
		String having = (status != null) ? " having " + status.having() : "";
		return this.jdbc.sql(VIEW + """
				where e.merchant = :merchant and""" + IN_MODE + """
				  and (cast(:type as varchar) is null or e.type = :type)
				  and (cast(:after as varchar) is null or e.id < :after)
				group by e.id""" + having + " order by e.id desc limit :limit")
			.param("merchant", merchant)
			.param("livemode", livemode)
			.param("type", type)
			.param("after", startingAfter)
			.param("limit", limitPlusOne)
			.query(WebhookEventStore::view)
			.list();
	}

	/** The merchant's event in the caller's mode: a test key never sees a live event. */
	public Optional<WebhookEventView> find(String merchant, boolean livemode, String id) {
		return this.jdbc.sql(VIEW + " where e.merchant = :merchant and e.id = :id and" + IN_MODE + " group by e.id")
			.param("merchant", merchant)
			.param("livemode", livemode)
			.param("id", id)
			.query(WebhookEventStore::view)
			.optional();
	}

	/**
	 * A test event for one endpoint only, whatever types it subscribes to: its event row
	 * (listed and resendable like any other) and a delivery due now.
	 */
	public void recordTest(PublicEvent event, String endpointId) {
		this.jdbc.sql("""
				insert into webhook_event (id, merchant, type, livemode, created_at, received_at, body)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(event.id(), event.merchant(), event.type(), event.livemode(), Timestamp.from(event.created()),
					Timestamp.from(event.created()), event.body())
			.update();
		this.jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, state, next_attempt_at, created_at)
				values (?, ?, 'pending', ?, ?)""")
			.params(event.id(), endpointId, Timestamp.from(event.created()), Timestamp.from(event.created()))
			.update();
	}

	/**
	 * Queues the event again, now, for every endpoint that currently subscribes to it
	 * (earlier deliveries restart their retry schedule); answers how many were queued.
	 */
	int redeliver(String merchant, String id, Instant now) {
		PublicEvent event = this.jdbc.sql("select type, livemode from webhook_event where id = ? and merchant = ?")
			.params(id, merchant)
			.query((rs, row) -> new PublicEvent(id, merchant, rs.getString("type"), (Boolean) rs.getObject("livemode"),
					now, ""))
			.single();
		return this.jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, state, next_attempt_at, created_at)
				select :id, w.id, 'pending', :now, :now from webhook_endpoint w
				where\s""" + SUBSCRIBED + """
				on conflict (event_id, endpoint_id) do update
				  set state = 'pending', schedule_step = 0, next_attempt_at = :now, lease_until = null""")
			.param("id", id)
			.param("merchant", merchant)
			.param("type", event.type())
			.param("livemode", event.livemode())
			.param("now", Timestamp.from(now))
			.update();
	}

	private static WebhookEventView view(ResultSet rs, int row) throws SQLException {
		DeliveryStatus status = DeliveryStatus.of(rs.getLong("total"), rs.getLong("succeeded"), rs.getLong("pending"),
				rs.getLong("failed"));
		return new WebhookEventView(rs.getString("id"), "event", rs.getString("type"),
				rs.getTimestamp("created_at").toInstant(), (Boolean) rs.getObject("livemode"),
				EventCodec.json().readTree(rs.getString("body")).get("data"), status.value(), rs.getLong("pending"));
	}

}
