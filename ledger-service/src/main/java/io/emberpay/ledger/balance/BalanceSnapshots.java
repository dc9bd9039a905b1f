package io.emberpay.ledger.balance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodically folds each busy account's new entries into a snapshot, so a balance read
 * sums only a short tail. It reads the committed chain head first: every transaction up
 * to it has committed, so the snapshot never misses a late commit. Insert-only and
 * idempotent, so every replica may run it.
 */
@Component
public class BalanceSnapshots {

	private static final Logger log = LoggerFactory.getLogger(BalanceSnapshots.class);

	private static final String SNAPSHOT = """
			insert into ledger_balance_snapshot
			       (account_id, as_of_seq, posted_debits, posted_credits, pending_debits, pending_credits)
			select a.id, h.seq,
			       coalesce(s.posted_debits, 0)
			           + coalesce(sum(e.amount) filter (where e.phase = 'posted' and e.direction = 'debit'), 0),
			       coalesce(s.posted_credits, 0)
			           + coalesce(sum(e.amount) filter (where e.phase = 'posted' and e.direction = 'credit'), 0),
			       coalesce(s.pending_debits, 0)
			           + coalesce(sum(e.amount) filter (where e.phase = 'pending' and e.direction = 'debit'), 0),
			       coalesce(s.pending_credits, 0)
			           + coalesce(sum(e.amount) filter (where e.phase = 'pending' and e.direction = 'credit'), 0)
			  from ledger_account a
			 cross join (select seq from ledger_chain_head where id = 1) h
			  left join lateral (
			       select * from ledger_balance_snapshot s where s.account_id = a.id
			        order by s.as_of_seq desc limit 1) s on true
			  join ledger_entry e on e.account_number = a.number
			                     and e.transaction_seq > coalesce(s.as_of_seq, 0) and e.transaction_seq <= h.seq
			 group by a.id, h.seq, s.as_of_seq, s.posted_debits, s.posted_credits, s.pending_debits, s.pending_credits
			having count(*) >= ?
			on conflict do nothing""";

	private final JdbcClient jdbc;

	private final int minTail;

	public BalanceSnapshots(JdbcClient jdbc, @Value("${emberpay.ledger.snapshots.min-tail:1000}") int minTail) {
		this.jdbc = jdbc;
		this.minTail = minTail;
	}

	@Scheduled(fixedDelayString = "${emberpay.ledger.snapshots.interval:PT10S}")
	public void snapshotBusyAccounts() {
		int written = snapshot(this.minTail);
		if (written > 0) {
			log.debug("Wrote {} balance snapshots", written);
		}
	}

	/**
	 * Snapshots every account with at least {@code minTail} entries since its last one.
	 */
	public int snapshot(int minTail) {
		return this.jdbc.sql(SNAPSHOT).param(Math.max(1, minTail)).update();
	}

}
