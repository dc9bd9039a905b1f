package io.emberpay.ledger.integrity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.emberpay.ledger.posting.ChainHash;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the whole ledger in one repeatable-read snapshot: recomputes every link of the
 * hash chain from the stored rows, checks each transaction balances per currency and
 * phase, that every entry is filed under its own account's number (balances find entries
 * by number, which the hash does not cover), that the head names the last link, and that
 * every balance snapshot equals the sum of its account's entries up to its position. Each
 * run sets {@code emberpay.ledger.integrity.violations} to the problems it found (at most
 * {@value #MAX_PROBLEMS}), so the integrity alert fires on the next scrape.
 */
@Component
public class IntegrityCheck {

	private static final int MAX_PROBLEMS = 100;

	private static final String CHAIN = """
			select t.seq, t.id, t.kind, t.cause, t.correlation_id, t.reference, t.resolves_hold, t.actor,
			       t.description, t.posted_at, t.prev_hash, t.hash,
			       e.account_id, e.currency, e.direction, e.phase, e.amount, e.leg, a.id
			  from ledger_transaction t left join ledger_entry e on e.transaction_seq = t.seq
			  left join ledger_account a on a.number = e.account_number
			 order by t.seq, e.leg""";

	private static final String SNAPSHOT_MISMATCHES = """
			select s.account_id, s.as_of_seq
			  from ledger_balance_snapshot s join ledger_account a on a.id = s.account_id
			 cross join lateral (
			       select coalesce(sum(e.amount) filter (where e.phase = 'posted' and e.direction = 'debit'), 0) as pd,
			              coalesce(sum(e.amount) filter (where e.phase = 'posted' and e.direction = 'credit'), 0) as pc,
			              coalesce(sum(e.amount) filter (where e.phase = 'pending' and e.direction = 'debit'), 0) as qd,
			              coalesce(sum(e.amount) filter (where e.phase = 'pending' and e.direction = 'credit'), 0) as qc
			         from ledger_entry e where e.account_number = a.number and e.transaction_seq <= s.as_of_seq) t
			 where (s.posted_debits, s.posted_credits, s.pending_debits, s.pending_credits)
			       is distinct from (t.pd, t.pc, t.qd, t.qc)
			 limit 100""";

	/**
	 * Payouts in transit are pending entries only (a hold, posted or voided as a whole);
	 * a posted entry there would be money no merchant or acquirer owns.
	 */
	private static final String POSTED_IN_TRANSIT = """
			select e.transaction_seq, e.leg
			  from ledger_account a join ledger_entry e on e.account_number = a.number
			 where a.code = 'payouts_in_transit' and e.phase = 'posted'
			 limit 100""";

	/**
	 * Test and live money never meet: every transaction's accounts are all live or all
	 * test (issue 21).
	 */
	private static final String MIXED_MODES = """
			select e.transaction_seq
			  from ledger_entry e join ledger_account a on a.number = e.account_number
			 group by e.transaction_seq
			having bool_or(a.livemode) and not bool_and(a.livemode)
			 limit 100""";

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate snapshot;

	private final AtomicInteger lastViolations = new AtomicInteger();

	public IntegrityCheck(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(template.getDataSource());
		this.streaming.setFetchSize(1_000);
		this.snapshot = new TransactionTemplate(transactionManager);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
		Gauge.builder("emberpay.ledger.integrity.violations", this.lastViolations, AtomicInteger::get)
			.description("Violations found by the last ledger integrity check")
			.register(meters);
	}

	public IntegrityReport verify() {
		IntegrityReport report = this.snapshot.execute(status -> {
			List<String> problems = new ArrayList<>();
			ChainWalk walk = new ChainWalk(problems);
			this.streaming.query(CHAIN, walk::accept);
			walk.finish();
			this.jdbc.sql("select seq, hash from ledger_chain_head where id = 1").query(rs -> {
				if (rs.getLong(1) != walk.lastSeq || !Arrays.equals(rs.getBytes(2), walk.lastHash)) {
					report(problems, "chain head (" + rs.getLong(1) + ") does not name the last transaction ("
							+ walk.lastSeq + ")");
				}
			});
			this.jdbc.sql(SNAPSHOT_MISMATCHES).query(rs -> {
				report(problems, "balance snapshot of " + rs.getString(1) + " at " + rs.getLong(2)
						+ " differs from the sum of its entries");
			});
			this.jdbc.sql(POSTED_IN_TRANSIT).query(rs -> {
				report(problems, "entry " + rs.getLong(1) + "/" + rs.getShort(2)
						+ " posts to payouts_in_transit, which only payout holds may use");
			});
			this.jdbc.sql(MIXED_MODES).query(rs -> {
				report(problems, "transaction " + rs.getLong(1) + " moves money between test and live accounts");
			});
			return new IntegrityReport(problems.isEmpty(), walk.checked, walk.lastSeq, List.copyOf(problems));
		});
		this.lastViolations.set(report.problems().size());
		return report;
	}

	private static void report(List<String> problems, String problem) {
		if (problems.size() < MAX_PROBLEMS) {
			problems.add(problem);
		}
	}

	/** Walks the transactions in chain order, one row per entry. */
	private static final class ChainWalk {

		private final List<String> problems;

		private long checked;

		private long lastSeq;

		private byte[] lastHash = ChainHash.GENESIS;

		private Row current;

		ChainWalk(List<String> problems) {
			this.problems = problems;
		}

		void accept(java.sql.ResultSet rs) throws java.sql.SQLException {
			long seq = rs.getLong(1);
			if (this.current == null || this.current.seq != seq) {
				finish();
				this.current = new Row(seq, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
						rs.getObject(10, OffsetDateTime.class), rs.getBytes(11), rs.getBytes(12), new ArrayList<>());
			}
			if (rs.getString(13) != null) {
				// balances find entries by account number, which the hash does not cover
				if (!rs.getString(13).equals(rs.getString(19))) {
					report(this.problems, "entry " + seq + "/" + rs.getShort(18) + " of account " + rs.getString(13)
							+ " is filed under another account's number");
				}
				this.current.entries.add(new ChainHash.Entry(rs.getString(13), rs.getString(14), rs.getString(15),
						rs.getString(16), rs.getLong(17)));
			}
		}

		void finish() {
			Row row = this.current;
			if (row == null) {
				return;
			}
			this.current = null;
			this.checked++;
			if (row.seq != this.lastSeq + 1) {
				report(this.problems, "transaction positions jump from " + this.lastSeq + " to " + row.seq);
			}
			if (!Arrays.equals(row.previousHash, this.lastHash)) {
				report(this.problems, "transaction " + row.id + " (" + row.seq + ") does not link to its predecessor");
			}
			byte[] recomputed = new ChainHash(row.seq, row.id, row.kind, row.cause, row.correlationId, row.reference,
					row.resolvesHold, row.actor, row.description, row.postedAt.toInstant(), row.entries)
				.link(row.previousHash);
			if (!Arrays.equals(recomputed, row.hash)) {
				report(this.problems, "transaction " + row.id + " (" + row.seq + ") was altered: stored hash "
						+ HexFormat.of().formatHex(row.hash) + " does not match its contents");
			}
			checkBalanced(row);
			this.lastSeq = row.seq;
			this.lastHash = row.hash;
		}

		private void checkBalanced(Row row) {
			if (row.entries.size() < 2) {
				report(this.problems, "transaction " + row.id + " has fewer than two entries");
			}
			Map<String, Long> net = new HashMap<>();
			for (ChainHash.Entry entry : row.entries) {
				long signed = "debit".equals(entry.direction()) ? entry.amount() : -entry.amount();
				net.merge(entry.currency() + " " + entry.phase(), signed, Long::sum);
			}
			net.forEach((bucket, sum) -> {
				if (sum != 0) {
					report(this.problems, "transaction " + row.id + " does not balance in " + bucket);
				}
			});
		}

	}

	private record Row(long seq, String id, String kind, String cause, String correlationId, String reference,
			String resolvesHold, String actor, String description, OffsetDateTime postedAt, byte[] previousHash,
			byte[] hash, List<ChainHash.Entry> entries) {
	}

}
