package io.emberpay.ledger.posting;

import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes appended transactions and all their entries with one statement, a data-modifying
 * {@code WITH} over column arrays: the database checks each statement as a whole (every
 * transaction has at least two entries that balance per currency and phase, all written
 * with it), and a batch of hundreds of postings costs one round trip and one parse
 * instead of a row-by-row batch. Entries are numbered 1..n in leg order, which the chain
 * hash covers. The same statement moves the chain head to the last transaction written,
 * so the head never lags the rows it describes and costs no round trip of its own.
 */
final class AppendStatement {

	private static final String SQL = """
			with appended as (
			    insert into ledger_transaction (seq, id, kind, cause, correlation_id, reference, resolves_hold, actor,
			        description, request_hash, posted_at, prev_hash, hash)
			    select * from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
			        ?::varchar[], ?::varchar[], ?::varchar[], ?::bytea[], ?::timestamptz[], ?::bytea[], ?::bytea[])),
			head as (
			    update ledger_chain_head set seq = ?, hash = ?, posted_at = ?::timestamptz where id = 1)
			insert into ledger_entry (transaction_seq, leg, account_id, account_number, currency, direction, phase, amount)
			select * from unnest(?::bigint[], ?::smallint[], ?::varchar[], ?::int[], ?::varchar[], ?::varchar[],
			    ?::varchar[], ?::bigint[])""";

	private AppendStatement() {
	}

	static void write(JdbcTemplate jdbc, List<PostedTransaction> written) {
		int n = written.size();
		long[] seqs = new long[n];
		String[] ids = new String[n];
		String[] kinds = new String[n];
		String[] causes = new String[n];
		String[] correlationIds = new String[n];
		String[] references = new String[n];
		String[] resolvedHolds = new String[n];
		String[] actors = new String[n];
		String[] descriptions = new String[n];
		byte[][] requestHashes = new byte[n][];
		String[] postedAts = new String[n];
		byte[][] previousHashes = new byte[n][];
		byte[][] hashes = new byte[n][];
		int legs = written.stream().mapToInt(t -> t.posting().legs().size()).sum();
		long[] entrySeqs = new long[legs];
		short[] legNumbers = new short[legs];
		String[] accounts = new String[legs];
		int[] accountNumbers = new int[legs];
		String[] currencies = new String[legs];
		String[] directions = new String[legs];
		String[] phases = new String[legs];
		long[] amounts = new long[legs];
		int e = 0;
		for (int i = 0; i < n; i++) {
			PostedTransaction t = written.get(i);
			Posting p = t.posting();
			seqs[i] = t.seq();
			ids[i] = t.id();
			kinds[i] = p.kind();
			causes[i] = p.cause();
			correlationIds[i] = p.correlationId();
			references[i] = p.reference();
			resolvedHolds[i] = p.resolvesHold();
			actors[i] = p.actor();
			descriptions[i] = p.description();
			requestHashes[i] = p.requestHash();
			// ISO 8601 with offset and microseconds: exactly the stored (and hashed)
			// instant
			postedAts[i] = t.postedAt().atOffset(ZoneOffset.UTC).toString();
			previousHashes[i] = t.previousHash();
			hashes[i] = t.hash();
			short number = 0;
			for (Leg leg : p.legs()) {
				entrySeqs[e] = t.seq();
				legNumbers[e] = ++number;
				accounts[e] = leg.account().id();
				accountNumbers[e] = leg.account().number();
				currencies[e] = leg.currency();
				directions[e] = leg.direction().column();
				phases[e] = leg.phase().column();
				amounts[e] = leg.amount();
				e++;
			}
		}
		PostedTransaction last = written.get(n - 1);
		jdbc.update(SQL, seqs, ids, kinds, causes, correlationIds, references, resolvedHolds, actors, descriptions,
				requestHashes, postedAts, previousHashes, hashes, last.seq(), last.hash(), postedAts[n - 1], entrySeqs,
				legNumbers, accounts, accountNumbers, currencies, directions, phases, amounts);
	}

}
