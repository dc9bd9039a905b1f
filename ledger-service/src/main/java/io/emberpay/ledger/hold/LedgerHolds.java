package io.emberpay.ledger.hold;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.emberpay.ledger.account.LedgerAccounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads holds. A hold is open while no transaction resolves it; callers hold the chain
 * lock so the answer stays true until they append.
 */
@Repository
public class LedgerHolds {

	private static final String OPEN = """
			select h.id, h.reference, h.debit_account, h.credit_account, h.amount
			  from ledger_hold h
			 where not exists (select 1 from ledger_transaction t where t.resolves_hold = h.id)
			""";

	private final JdbcClient jdbc;

	private final LedgerAccounts accounts;

	public LedgerHolds(JdbcClient jdbc, LedgerAccounts accounts) {
		this.jdbc = jdbc;
		this.accounts = accounts;
	}

	/** The latest open hold for a payment (or other reference). */
	public Optional<OpenHold> openFor(String reference) {
		return this.jdbc.sql(OPEN + " and h.reference = ? order by h.transaction_seq desc limit 1")
			.param(reference)
			.query(this::map)
			.optional();
	}

	public List<OpenHold> expiredBy(Instant now, int limit) {
		return this.jdbc.sql(OPEN + " and h.expires_at <= ? order by h.expires_at limit ?")
			.params(now.atOffset(ZoneOffset.UTC), limit)
			.query(this::map)
			.list();
	}

	private OpenHold map(ResultSet rs, int row) throws SQLException {
		return new OpenHold(rs.getString(1), rs.getString(2), account(rs.getString(3)), account(rs.getString(4)),
				rs.getLong(5));
	}

	private io.emberpay.ledger.account.Account account(String id) {
		return this.accounts.find(id).orElseThrow(() -> new IllegalStateException("hold names unknown account " + id));
	}

}
