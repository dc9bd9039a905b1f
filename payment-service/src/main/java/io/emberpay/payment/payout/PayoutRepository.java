package io.emberpay.payment.payout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.Topics;
import io.emberpay.events.payout.PayoutEvent;
import io.emberpay.starter.outbox.OutboxWriter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loads and stores payouts; every save writes the aggregate's new events to the outbox in
 * the same database transaction.
 */
@Repository
class PayoutRepository {

	private static final String COLUMNS = """
			id, merchant_id, amount, currency, status, destination, bank_last4, bank_name, bank_country, automatic,
			psp, psp_reference, failure_code, created_at, livemode""";

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	PayoutRepository(JdbcClient jdbc, OutboxWriter outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	void insert(Payout payout) {
		requireTransaction();
		Payout.Destination to = payout.destination();
		this.jdbc.sql("""
				insert into payout (id, merchant_id, amount, currency, status, destination, bank_last4, bank_name,
				    bank_country, automatic, psp, psp_reference, failure_code, created_at, updated_at, livemode)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)""")
			.params(payout.id(), payout.merchantId(), payout.amount(), payout.currency(), payout.status().apiName(),
					to.id(), to.last4(), to.bankName(), to.country(), payout.automatic(), payout.psp(),
					payout.pspReference(), payout.failureCode(), Timestamp.from(payout.created()), payout.livemode())
			.update();
		publish(payout);
	}

	/** Stores the new state, only over the state it was loaded in (read under lock). */
	void update(Payout payout) {
		requireTransaction();
		int updated = this.jdbc.sql("""
				update payout set status = ?, psp_reference = ?, failure_code = ?, updated_at = now()
				 where id = ?""")
			.params(payout.status().apiName(), payout.pspReference(), payout.failureCode(), payout.id())
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Payout " + payout.id() + " vanished while being updated");
		}
		publish(payout);
	}

	private void publish(Payout payout) {
		for (PayoutEvent event : payout.drainEvents()) {
			this.outbox.append(Topics.PAYMENTS, event);
		}
	}

	/** The merchant's payout in this mode only: the other mode's is not found. */
	Optional<Payout> find(String merchantId, boolean livemode, String id) {
		return this.jdbc.sql("select " + COLUMNS + " from payout where id = ? and merchant_id = ? and livemode = ?")
			.params(id, merchantId, livemode)
			.query(PayoutRepository::payout)
			.optional();
	}

	Optional<Payout> findById(String id) {
		return this.jdbc.sql("select " + COLUMNS + " from payout where id = ?")
			.param(id)
			.query(PayoutRepository::payout)
			.optional();
	}

	/** Loads the payout and holds its row lock until the transaction ends. */
	Optional<Payout> lock(String id) {
		requireTransaction();
		return this.jdbc.sql("select " + COLUMNS + " from payout where id = ? for update")
			.param(id)
			.query(PayoutRepository::payout)
			.optional();
	}

	List<Payout> listForMerchant(String merchantId, boolean livemode, String startingAfter, int limitPlusOne) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from payout where merchant_id = ? and livemode = ? and (cast(? as varchar) is null or id < ?)
				order by id desc limit ?""")
			.params(merchantId, livemode, startingAfter, startingAfter, limitPlusOne)
			.query(PayoutRepository::payout)
			.list();
	}

	/** Payouts not final and last touched before {@code before}: the tracker's work. */
	List<String> unsettled(Instant before, int limit) {
		return this.jdbc.sql("""
				select id from payout where status in ('pending', 'in_transit') and updated_at < ?
				order by updated_at limit ?""").params(Timestamp.from(before), limit).query(String.class).list();
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Payouts are written inside a database transaction with their events");
		}
	}

	private static Payout payout(ResultSet rs, int row) throws SQLException {
		return new Payout(rs.getString("id"), rs.getString("merchant_id"), rs.getLong("amount"),
				rs.getString("currency"),
				new Payout.Destination(rs.getString("destination"), rs.getString("bank_last4"),
						rs.getString("bank_name"), rs.getString("bank_country")),
				rs.getBoolean("automatic"), rs.getBoolean("livemode"), rs.getTimestamp("created_at").toInstant(),
				PayoutStatus.ofApiName(rs.getString("status")), rs.getString("psp"), rs.getString("psp_reference"),
				rs.getString("failure_code"));
	}

}
