package io.emberpay.ledger.funds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.emberpay.events.ResourceIds;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.fx.FxSettlement;
import io.emberpay.ledger.posting.AppendListener;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Phase;
import io.emberpay.ledger.posting.PostedTransaction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records a balance transaction for every ledger transaction that moves a merchant's
 * {@code merchant_payable} account with posted legs or its {@code merchant_available}
 * account, whatever posted it (payment events, adjustments, payouts, disputes), so the
 * sum of the merchant's balance transactions is its balance by construction. Per merchant
 * and currency: {@code net} is what the merchant's balance moved, {@code fee} what the
 * same transaction moved on {@code platform_fees}, {@code amount} their sum. Money coming
 * in becomes available after the merchant's delay; money going out (refunds, debits)
 * counts at once; a movement of the available funds (a payout) is available from the
 * start.
 */
@Repository
public class BalanceTransactions implements AppendListener {

	/** The kind of the transfers that make funds available; they are not movements. */
	public static final String RELEASE_KIND = "funds_available";

	private static final String MERCHANT_PAYABLE = "merchant_payable:";

	private static final String MERCHANT_AVAILABLE = "merchant_available:";

	private static final String PENDING = "pending";

	private static final String AVAILABLE = "available";

	private static final String COLUMNS = """
			id, type, source, amount, fee, net, currency, created, available_on, status, transaction_id, seq, livemode,
			description,
			(select f.exchange_rate from fx_conversion f
			  where f.transaction_id = balance_transaction.transaction_id) as exchange_rate""";

	private final JdbcTemplate template;

	private final JdbcClient jdbc;

	private final AvailabilityProperties availability;

	public BalanceTransactions(JdbcTemplate template, JdbcClient jdbc, AvailabilityProperties availability) {
		this.template = template;
		this.jdbc = jdbc;
		this.availability = availability;
	}

	@Override
	public void appended(List<PostedTransaction> written) {
		List<Object[]> rows = new ArrayList<>();
		for (PostedTransaction transaction : written) {
			if (!RELEASE_KIND.equals(transaction.posting().kind())) {
				for (Movement movement : movements(transaction)) {
					if (movement.net() != 0) {
						rows.add(row(transaction, movement));
					}
				}
			}
		}
		if (!rows.isEmpty()) {
			this.template.batchUpdate("""
					insert into balance_transaction (id, merchant, currency, type, source, amount, fee, net,
					    transaction_id, transaction_seq, created, available_on, status, part, livemode, description)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		}
	}

	/**
	 * The transaction's movements per merchant, currency and part: posted legs on
	 * {@code merchant_payable} (pending funds; its pending legs are authorizations, not
	 * balance), and every leg on {@code merchant_available} (a payout's pending debit
	 * leaves the available balance when the payout is created).
	 */
	private List<Movement> movements(PostedTransaction transaction) {
		Map<String, Movement> byMerchant = new LinkedHashMap<>();
		for (Leg leg : transaction.posting().legs()) {
			Account account = leg.account();
			String part = null;
			String merchant = null;
			if (leg.phase() == Phase.POSTED && account.code().startsWith(MERCHANT_PAYABLE)) {
				part = PENDING;
				merchant = account.code().substring(MERCHANT_PAYABLE.length());
			}
			else if (account.code().startsWith(MERCHANT_AVAILABLE)) {
				part = AVAILABLE;
				merchant = account.code().substring(MERCHANT_AVAILABLE.length());
			}
			if (part != null) {
				byMerchant.merge(merchant + ' ' + account.currency() + ' ' + part,
						new Movement(merchant, account.currency(), part, credited(leg), 0, account.livemode()),
						Movement::plus);
			}
		}
		// a fee is only attributable when one balance moved
		if (byMerchant.size() == 1) {
			Movement only = byMerchant.values().iterator().next();
			long fee = 0;
			for (Leg leg : transaction.posting().legs()) {
				if (leg.phase() == Phase.POSTED && leg.account().code().equals(AccountCodes.PLATFORM_FEES)
						&& leg.currency().equals(only.currency())) {
					fee = Math.addExact(fee, credited(leg));
				}
			}
			return List
				.of(new Movement(only.merchant(), only.currency(), only.part(), only.net(), fee, only.livemode()));
		}
		return List.copyOf(byMerchant.values());
	}

	private Object[] row(PostedTransaction transaction, Movement movement) {
		Instant created = transaction.postedAt();
		boolean incoming = movement.net() > 0 && PENDING.equals(movement.part());
		Instant availableOn = incoming ? created.plus(this.availability.delayFor(movement.merchant())) : created;
		return new Object[] { ResourceIds.next("btx"), movement.merchant(), movement.currency(),
				typeOf(transaction.posting().kind()), transaction.posting().reference(),
				Math.addExact(movement.net(), movement.fee()), movement.fee(), movement.net(), transaction.id(),
				transaction.seq(), Timestamp.from(created), Timestamp.from(availableOn), movement.part(),
				movement.part(), movement.livemode(), describe(transaction) };
	}

	/**
	 * What the merchant reads about the movement: a payment's or refund's description
	 * (the invoice it paid or gave back). An operator's adjustment description is for
	 * operators and stays in the ledger transaction.
	 */
	private static String describe(PostedTransaction transaction) {
		String kind = transaction.posting().kind();
		return ("capture".equals(kind) || "refund".equals(kind)) ? transaction.posting().description() : null;
	}

	private static long credited(Leg leg) {
		return (leg.direction() == Direction.CREDIT) ? leg.amount() : -leg.amount();
	}

	/**
	 * The merchant's movements in one mode, newest first, after the cursor's position if
	 * any.
	 */
	public List<BalanceTransactionView> list(String merchant, boolean livemode, Long beforeSeq, int rows) {
		String sql = "select " + COLUMNS + " from balance_transaction where merchant = :merchant "
				+ "and livemode = :livemode " + ((beforeSeq == null) ? "" : "and seq < :before ")
				+ "order by seq desc limit :rows";
		var statement = this.jdbc.sql(sql).param("merchant", merchant).param("livemode", livemode).param("rows", rows);
		if (beforeSeq != null) {
			statement = statement.param("before", beforeSeq);
		}
		return statement.query(BalanceTransactions::map).list();
	}

	/**
	 * The list position of the merchant's balance transaction {@code id} in this mode, if
	 * it has one.
	 */
	public Optional<Long> positionOf(String merchant, boolean livemode, String id) {
		return this.jdbc.sql("select seq from balance_transaction where merchant = ? and livemode = ? and id = ?")
			.params(merchant, livemode, id)
			.query(Long.class)
			.optional();
	}

	/**
	 * The merchant's balance transaction, only in the caller's mode: the other is 404.
	 */
	public Optional<BalanceTransactionView> find(String merchant, boolean livemode, String id) {
		return this.jdbc
			.sql("select " + COLUMNS + " from balance_transaction where merchant = ? and livemode = ? and id = ?")
			.params(merchant, livemode, id)
			.query(BalanceTransactions::map)
			.optional();
	}

	private static BalanceTransactionView map(ResultSet rs, int row) throws SQLException {
		return new BalanceTransactionView(rs.getString(1), "balance_transaction", rs.getString(2), rs.getString(3),
				rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
				rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getObject(9, OffsetDateTime.class).toInstant(),
				rs.getString(10), rs.getString(11), rs.getBoolean(13), rs.getString(14),
				(rs.getBigDecimal(15) == null) ? null : FxSettlement.shown(rs.getBigDecimal(15)));
	}

	/** The ledger transaction kinds merchants see under their own names. */
	static String typeOf(String kind) {
		return switch (kind) {
			case "capture" -> "payment";
			case "refund" -> "refund";
			// Stripe's name for a bank debit taken back after it settled
			case "payment_return" -> "payment_failure_refund";
			case "adjustment" -> "adjustment";
			case "payout", "payout_paid", "payout_failure" -> "payout";
			case "dispute", "dispute_won" -> "dispute";
			default -> kind;
		};
	}

	private record Movement(String merchant, String currency, String part, long net, long fee, boolean livemode) {

		Movement plus(Movement other) {
			return new Movement(this.merchant, this.currency, this.part, Math.addExact(this.net, other.net), this.fee,
					this.livemode);
		}

	}

}
