package io.emberpay.subscription.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.starter.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Subscriptions in PostgreSQL; callers hold the transaction. */
@Component
public class SubscriptionStore {

	private final JdbcClient jdbc;

	SubscriptionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Subscription s) {
		this.jdbc.sql("""
				insert into subscription (id, merchant, customer, product, price, tier, payment_method, status,
				                          billing_anchor, periods_elapsed, current_period_start, current_period_end,
				                          trial_end, cancel_at_period_end, canceled_at, ended_at, credit_balance,
				                          livemode, created, test_clock)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(s.id(), s.merchant(), s.customer(), s.product(), s.price(), s.tier(), s.paymentMethod(),
					s.status().wire(), Timestamp.from(s.billingAnchor()), s.periodsElapsed(),
					Timestamp.from(s.currentPeriodStart()), Timestamp.from(s.currentPeriodEnd()), ts(s.trialEnd()),
					s.cancelAtPeriodEnd(), ts(s.canceledAt()), ts(s.endedAt()), s.creditBalance(), s.livemode(),
					Timestamp.from(s.created()), s.testClock())
			.update();
	}

	/** Writes every mutable field of {@code s}. */
	public void update(Subscription s) {
		this.jdbc.sql("""
				update subscription set price = ?, tier = ?, status = ?, periods_elapsed = ?, current_period_start = ?,
				                        current_period_end = ?, cancel_at_period_end = ?, canceled_at = ?, ended_at = ?,
				                        credit_balance = ?
				where id = ?""")
			.params(s.price(), s.tier(), s.status().wire(), s.periodsElapsed(), Timestamp.from(s.currentPeriodStart()),
					Timestamp.from(s.currentPeriodEnd()), s.cancelAtPeriodEnd(), ts(s.canceledAt()), ts(s.endedAt()),
					s.creditBalance(), s.id())
			.update();
	}

	public Optional<Subscription> find(String id) {
		return this.jdbc.sql("select * from subscription where id = ?")
			.param(id)
			.query(SubscriptionStore::subscription)
			.optional();
	}

	public Optional<Subscription> lock(String id) {
		return this.jdbc.sql("select * from subscription where id = ? for update")
			.param(id)
			.query(SubscriptionStore::subscription)
			.optional();
	}

	boolean hasLive(String customer, String product) {
		return this.jdbc.sql("""
				select count(*) from subscription
				where customer = ? and product = ? and status in ('incomplete', 'trialing', 'active', 'past_due')""")
			.params(customer, product)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Locks up to {@code limit} trialing or active subscriptions whose period ended at
	 * {@code now}, skipping rows another runner holds. A past-due subscription waits for
	 * its dunning to end before it rolls on.
	 */
	public List<Subscription> lockEnded(Instant now, int limit) {
		return lockEnded(null, now, limit);
	}

	/**
	 * As {@link #lockEnded(Instant, int)}, for the subscriptions of {@code testClock}
	 * ({@code null}: those of no test clock), {@code now} being that clock's time.
	 */
	public List<Subscription> lockEnded(String testClock, Instant now, int limit) {
		return this.jdbc.sql("""
				select * from subscription
				where status in ('trialing', 'active') and current_period_end <= ?
				  and test_clock is not distinct from cast(? as text)
				order by current_period_end limit ? for update skip locked""")
			.params(Timestamp.from(now), testClock, limit)
			.query(SubscriptionStore::subscription)
			.list();
	}

	/** The subscriptions of {@code testClock} that have not ended, locked. */
	public List<Subscription> lockLiveOnTestClock(String testClock) {
		return this.jdbc.sql("""
				select * from subscription
				where test_clock = ? and status in ('incomplete', 'trialing', 'active', 'past_due')
				order by id for update""").param(testClock).query(SubscriptionStore::subscription).list();
	}

	List<Subscription> ofCustomer(String customer, PageQuery page) {
		return this.jdbc
			.sql("select * from subscription where customer = ? and id < coalesce(?, '~') order by id desc limit ?")
			.params(customer, page.startingAfter(), page.limit() + 1)
			.query(SubscriptionStore::subscription)
			.list();
	}

	List<Subscription> ofMerchant(String merchant, PageQuery page) {
		return this.jdbc
			.sql("select * from subscription where merchant = ? and id < coalesce(?, '~') order by id desc limit ?")
			.params(merchant, page.startingAfter(), page.limit() + 1)
			.query(SubscriptionStore::subscription)
			.list();
	}

	private static Subscription subscription(ResultSet rs, int row) throws SQLException {
		return new Subscription(rs.getString("id"), rs.getString("merchant"), rs.getString("customer"),
				rs.getString("product"), rs.getString("price"), rs.getString("tier"), rs.getString("payment_method"),
				SubscriptionStatus.parse(rs.getString("status")), instant(rs, "billing_anchor"),
				rs.getInt("periods_elapsed"), instant(rs, "current_period_start"), instant(rs, "current_period_end"),
				instant(rs, "trial_end"), rs.getBoolean("cancel_at_period_end"), instant(rs, "canceled_at"),
				instant(rs, "ended_at"), rs.getLong("credit_balance"), rs.getBoolean("livemode"),
				instant(rs, "created"), rs.getString("test_clock"));
	}

	private static Timestamp ts(Instant instant) {
		return (instant == null) ? null : Timestamp.from(instant);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value == null) ? null : value.toInstant();
	}

}
