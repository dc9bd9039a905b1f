package io.emberpay.ledger.publication;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.Topics;
import io.emberpay.events.ledger.LedgerEvent;
import io.emberpay.starter.outbox.EventPublisher;
import io.emberpay.starter.outbox.EventPublisher.OutboundEvent;
import io.emberpay.starter.outbox.OutboxProperties;
import io.emberpay.starter.outbox.PublishingWorker;
import io.emberpay.starter.recovery.RecoveryProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces every posted transaction on {@code ledger.events} by tailing the ledger
 * itself: the append-only transaction table is this service's outbox. A transaction and
 * its announcement commit as one row, so nothing is published that did not commit and
 * nothing committed goes unannounced, and the serial writer pays for no outbox row at
 * all. Chain positions become visible strictly in order (writers hold the chain head
 * until they commit), so a cursor over them never skips one. One publisher per database
 * at a time (a transaction-scoped advisory lock); a crash between the send and the cursor
 * update sends a batch again, with the same event ids (derived from the transaction ids),
 * and consumers deduplicate by event id.
 */
@Component
public class LedgerPublisher extends PublishingWorker {

	private static final long PUBLISHER_LOCK = 0x1ed9e5L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final EventPublisher publisher;

	private final OutboxProperties properties;

	private final String source;

	public LedgerPublisher(JdbcClient jdbc, PlatformTransactionManager transactionManager, EventPublisher publisher,
			OutboxProperties properties, RecoveryProperties recovery,
			@Value("${spring.application.name}") String source) {
		super("ledger-publisher", properties.idlePoll(), properties.relayEnabled(), recovery);
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.publisher = publisher;
		this.properties = properties;
		this.source = source;
	}

	/**
	 * Publishes the next transactions after the cursor, at most the outbox batch size;
	 * answers how many.
	 */
	@Override
	public int publishBatch() {
		Integer published = this.transactions.execute(status -> {
			// planned afresh with the actual range, as the writer's statements are: a
			// generic plan for "seq > ? and seq <= ?" guesses a share of a table that
			// only grows
			Boolean locked = this.jdbc
				.sql("select pg_try_advisory_xact_lock(?), set_config('plan_cache_mode', 'force_custom_plan', true)")
				.param(PUBLISHER_LOCK)
				.query((rs, row) -> rs.getBoolean(1))
				.single();
			if (!Boolean.TRUE.equals(locked)) {
				return 0;
			}
			long after = this.jdbc.sql("select last_seq from ledger_publication where id = 1")
				.query(Long.class)
				.single();
			List<Announcement> batch = announcements(after, after + this.properties.batchSize());
			if (batch.isEmpty()) {
				return 0;
			}
			this.publisher.publish(batch.stream().map(this::outbound).toList());
			long last = batch.get(batch.size() - 1).seq();
			this.jdbc.sql("update ledger_publication set last_seq = ? where id = 1").param(last).update();
			return batch.size();
		});
		return (published == null) ? 0 : published;
	}

	/**
	 * Transactions at chain positions in (after, upTo], with their entries in leg order.
	 * The range is stated for the entries as well: the planner does not carry it across
	 * the join, and without it (say, before the first analyze of a fast-growing table) it
	 * may scan every entry for each batch.
	 */
	private List<Announcement> announcements(long after, long upTo) {
		List<Announcement> batch = new ArrayList<>();
		this.jdbc.sql("""
				select t.seq, t.id, t.kind, t.cause, t.posted_at, a.code, e.direction, e.amount, e.currency, a.livemode
				  from ledger_transaction t
				  join ledger_entry e on e.transaction_seq = t.seq
				  join ledger_account a on a.id = e.account_id
				 where t.seq > ? and t.seq <= ? and e.transaction_seq > ? and e.transaction_seq <= ?
				 order by t.seq, e.leg""").params(after, upTo, after, upTo).query(rs -> {
			long seq = rs.getLong(1);
			Announcement current = batch.isEmpty() ? null : batch.get(batch.size() - 1);
			if (current == null || current.seq() != seq) {
				current = new Announcement(seq, rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getObject(5, OffsetDateTime.class), new ArrayList<>(), rs.getBoolean(10));
				batch.add(current);
			}
			current.entries()
				.add(new LedgerEvent.Entry(rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9)));
		});
		for (int i = 0; i < batch.size(); i++) {
			if (batch.get(i).seq() != after + 1 + i) {
				// positions are contiguous and visible in order: a hole means a reader's
				// assumption broke, so stop rather than move the cursor past it
				throw new IllegalStateException("ledger chain position " + (after + 1 + i) + " is not readable");
			}
		}
		return batch;
	}

	private OutboundEvent outbound(Announcement announcement) {
		LedgerEvent.TransactionPosted event = new LedgerEvent.TransactionPosted(eventId(announcement.id()),
				announcement.postedAt().toInstant(), announcement.id(), announcement.kind(), announcement.cause(),
				List.copyOf(announcement.entries()), announcement.livemode());
		CloudEvent envelope = EventCodec.envelope(this.source, event, null);
		return new OutboundEvent(Topics.LEDGER, event.aggregateId(), envelope.type(), EventCodec.toJson(envelope));
	}

	/**
	 * The same on every publication of a transaction: {@code txn_X} is announced as
	 * {@code evt_X}.
	 */
	static String eventId(String transactionId) {
		return "evt_" + transactionId.substring(transactionId.indexOf('_') + 1);
	}

	private record Announcement(long seq, String id, String kind, String cause, OffsetDateTime postedAt,
			List<LedgerEvent.Entry> entries, boolean livemode) {
	}

}
