package io.emberpay.ledger.balance;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Derives balances from the entries: the latest snapshot at or before the chain position,
 * plus the entries after it. No balance row is updated per posting.
 */
@Component
public class BalanceReader {

	/** A chain position beyond any real one: "now". */
	public static final long LATEST = Long.MAX_VALUE;

	private static final String BALANCES = """
			select a.id,
			       coalesce(s.posted_debits, 0) + coalesce(t.posted_debits, 0),
			       coalesce(s.posted_credits, 0) + coalesce(t.posted_credits, 0),
			       coalesce(s.pending_debits, 0) + coalesce(t.pending_debits, 0),
			       coalesce(s.pending_credits, 0) + coalesce(t.pending_credits, 0)
			  from unnest(?::varchar[]) as u(id) join ledger_account a on a.id = u.id
			  left join lateral (
			       select * from ledger_balance_snapshot s
			        where s.account_id = a.id and s.as_of_seq <= ?
			        order by s.as_of_seq desc limit 1) s on true
			  left join lateral (
			       select sum(e.amount) filter (where e.phase = 'posted' and e.direction = 'debit') as posted_debits,
			              sum(e.amount) filter (where e.phase = 'posted' and e.direction = 'credit') as posted_credits,
			              sum(e.amount) filter (where e.phase = 'pending' and e.direction = 'debit') as pending_debits,
			              sum(e.amount) filter (where e.phase = 'pending' and e.direction = 'credit') as pending_credits
			         from ledger_entry e
			        where e.account_number = a.number and e.transaction_seq > coalesce(s.as_of_seq, 0)
			          and e.transaction_seq <= ?) t on true""";

	private final JdbcClient jdbc;

	public BalanceReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Balance current(String accountId) {
		return asOf(java.util.List.of(accountId), LATEST).getOrDefault(accountId, Balance.ZERO);
	}

	public Map<String, Balance> current(Collection<String> accountIds) {
		return asOf(accountIds, LATEST);
	}

	/** Balances including every transaction up to chain position {@code seq}. */
	public Map<String, Balance> asOf(Collection<String> accountIds, long seq) {
		Map<String, Balance> balances = new HashMap<>();
		if (accountIds.isEmpty()) {
			return balances;
		}
		this.jdbc.sql(BALANCES).params(accountIds.toArray(String[]::new), seq, seq).query(rs -> {
			balances.put(rs.getString(1), new Balance(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
		});
		return balances;
	}

	/**
	 * The last chain position posted at or before {@code instant} (0 before the first).
	 * Posting times never decrease along the chain, so this is a cut of the ledger.
	 */
	public long seqAt(Instant instant) {
		// a binary search over chain positions (V3): no posting pays for an index on
		// posted_at
		return this.jdbc.sql("select ledger_seq_at(?)")
			.param(java.sql.Timestamp.from(instant))
			.query(Long.class)
			.single();
	}

}
