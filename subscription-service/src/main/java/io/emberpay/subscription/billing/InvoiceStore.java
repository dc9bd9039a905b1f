package io.emberpay.subscription.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.EventCodec;
import io.emberpay.starter.web.PageQuery;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Invoices, and the renewal run's claims on the open ones that are due. */
@Component
public class InvoiceStore {

	private static final TypeReference<List<InvoiceLine>> LINES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	InvoiceStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the invoice unless its period was already invoiced (a second renewal run),
	 * answering whether it did.
	 */
	public boolean insert(Invoice invoice) {
		return this.jdbc.sql("""
				insert into invoice (id, subscription, merchant, customer, amount_due, currency, status, billing_reason,
				                     period_start, period_end, lines, attempt_count, next_attempt_at, livemode, created,
				                     paid_at, test_clock)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?)
				on conflict do nothing""")
			.params(invoice.id(), invoice.subscription(), invoice.merchant(), invoice.customer(), invoice.amountDue(),
					invoice.currency(), invoice.status().wire(), invoice.billingReason(),
					Timestamp.from(invoice.periodStart()), Timestamp.from(invoice.periodEnd()),
					EventCodec.json().writeValueAsString(invoice.lines()), invoice.attemptCount(),
					timestamp(invoice.nextAttemptAt()), invoice.livemode(), Timestamp.from(invoice.created()),
					timestamp(invoice.paidAt()), invoice.testClock())
			.update() == 1;
	}

	public Optional<Invoice> find(String id) {
		return this.jdbc.sql("select * from invoice where id = ?").param(id).query(InvoiceStore::invoice).optional();
	}

	/** The invoice locked for the caller's transaction, for recording an outcome. */
	public Optional<Invoice> lock(String id) {
		return this.jdbc.sql("select * from invoice where id = ? for update")
			.param(id)
			.query(InvoiceStore::invoice)
			.optional();
	}

	/**
	 * Claims up to {@code limit} open invoices due at {@code now} and not claimed by a
	 * live lease: concurrent runners (threads or replicas) skip each other's rows and
	 * never claim the same invoice while a lease runs.
	 */
	public List<Invoice> claimDue(Instant now, Duration lease, int limit) {
		return claimDue(null, now, now, lease, limit);
	}

	/**
	 * Claims up to {@code limit} open invoices of {@code testClock} ({@code null}: of no
	 * test clock) due at {@code dueBy}, their time; leases run in real time
	 * ({@code leaseNow}) whatever the invoice's clock says.
	 */
	public List<Invoice> claimDue(String testClock, Instant dueBy, Instant leaseNow, Duration lease, int limit) {
		return this.jdbc.sql("""
				update invoice set claimed_until = :until
				where id in (select id from invoice
				             where status = 'open' and next_attempt_at <= :due
				               and test_clock is not distinct from cast(:clock as text)
				               and (claimed_until is null or claimed_until < :now)
				             order by next_attempt_at limit :limit for update skip locked)
				returning *""")
			.param("until", Timestamp.from(leaseNow.plus(lease)))
			.param("due", Timestamp.from(dueBy))
			.param("clock", testClock)
			.param("now", Timestamp.from(leaseNow))
			.param("limit", limit)
			.query(InvoiceStore::invoice)
			.list();
	}

	/** Open invoices on no test clock due at {@code now}, claimed or not. */
	public long countDue(Instant now) {
		return this.jdbc
			.sql("select count(*) from invoice where status = 'open' and next_attempt_at <= ? and test_clock is null")
			.param(Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** Claims one invoice for an immediate collection, unless a runner holds it. */
	public Optional<Invoice> claim(String id, Instant now, Duration lease) {
		return this.jdbc.sql("""
				update invoice set claimed_until = :until
				where id = :id and status = 'open' and (claimed_until is null or claimed_until < :now)
				returning *""")
			.param("until", Timestamp.from(now.plus(lease)))
			.param("now", Timestamp.from(now))
			.param("id", id)
			.query(InvoiceStore::invoice)
			.optional();
	}

	public void markPaid(String id, String payment, Instant paidAt) {
		this.jdbc.sql("""
				update invoice set status = 'paid', payment = ?, paid_at = ?, next_attempt_at = null,
				                   claimed_until = null, failure_code = null
				where id = ?""").params(payment, Timestamp.from(paidAt), id).update();
	}

	/**
	 * Records a failed attempt and the next one ({@code null}: none, the invoice ends as
	 * {@code status}).
	 */
	public void markFailed(String id, String payment, String failureCode, Instant nextAttemptAt, InvoiceStatus status) {
		this.jdbc.sql("""
				update invoice set attempt_count = attempt_count + 1, payment = ?, failure_code = ?,
				                   next_attempt_at = ?, claimed_until = null, status = ?
				where id = ?""").params(payment, failureCode, timestamp(nextAttemptAt), status.wire(), id).update();
	}

	/** Gives a claim back without an outcome (the charge's result is unknown yet). */
	public void release(String id, Instant retryAt) {
		this.jdbc.sql("update invoice set claimed_until = null, next_attempt_at = ? where id = ? and status = 'open'")
			.params(Timestamp.from(retryAt), id)
			.update();
	}

	public void voidOpen(String subscription) {
		this.jdbc.sql("""
				update invoice set status = 'void', next_attempt_at = null, claimed_until = null
				where subscription = ? and status = 'open'""").param(subscription).update();
	}

	/** The id of the subscription's most recent invoice. */
	public Optional<String> latestOf(String subscription) {
		return this.jdbc.sql("select id from invoice where subscription = ? order by id desc limit 1")
			.param(subscription)
			.query(String.class)
			.optional();
	}

	public List<Invoice> ofCustomer(String customer, String subscription, PageQuery page) {
		return this.jdbc.sql("""
				select * from invoice where customer = ? and (cast(? as text) is null or subscription = ?)
				  and id < coalesce(?, '~') order by id desc limit ?""")
			.params(customer, subscription, subscription, page.startingAfter(), page.limit() + 1)
			.query(InvoiceStore::invoice)
			.list();
	}

	public List<Invoice> ofMerchant(String merchant, String subscription, PageQuery page) {
		return this.jdbc.sql("""
				select * from invoice where merchant = ? and (cast(? as text) is null or subscription = ?)
				  and id < coalesce(?, '~') order by id desc limit ?""")
			.params(merchant, subscription, subscription, page.startingAfter(), page.limit() + 1)
			.query(InvoiceStore::invoice)
			.list();
	}

	private static Invoice invoice(ResultSet rs, int row) throws SQLException {
		return new Invoice(rs.getString("id"), rs.getString("subscription"), rs.getString("merchant"),
				rs.getString("customer"), rs.getLong("amount_due"), rs.getString("currency"),
				InvoiceStatus.parse(rs.getString("status")), rs.getString("billing_reason"),
				instant(rs, "period_start"), instant(rs, "period_end"),
				EventCodec.json().readValue(rs.getString("lines"), LINES), rs.getInt("attempt_count"),
				instant(rs, "next_attempt_at"), rs.getString("payment"), rs.getString("failure_code"),
				rs.getBoolean("livemode"), instant(rs, "created"), instant(rs, "paid_at"), rs.getString("test_clock"));
	}

	static Timestamp timestamp(Instant instant) {
		return (instant == null) ? null : Timestamp.from(instant);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value == null) ? null : value.toInstant();
	}

}
