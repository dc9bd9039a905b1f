package io.emberpay.ledger.posting;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads posted transactions. */
@Repository
public class LedgerTransactions {

	private final JdbcClient jdbc;

	public LedgerTransactions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<TransactionView> find(String id) {
		return this.jdbc.sql("""
				select seq, id, kind, reference, correlation_id, actor, description, posted_at
				  from ledger_transaction where id = ?""").param(id).query((rs, row) -> {
			long seq = rs.getLong(1);
			return new TransactionView(rs.getString(2), "ledger_transaction", rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getObject(8, OffsetDateTime.class).toInstant(), entries(seq));
		}).optional();
	}

	private List<TransactionView.EntryView> entries(long seq) {
		return this.jdbc.sql("""
				select account_id, direction, phase, amount, currency
				  from ledger_entry where transaction_seq = ? order by leg""")
			.param(seq)
			.query((rs, row) -> new TransactionView.EntryView(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getLong(4), rs.getString(5)))
			.list();
	}

}
