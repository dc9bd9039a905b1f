package io.emberpay.ledger.posting;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.emberpay.events.ResourceIds;
import io.emberpay.ledger.LedgerError;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.balance.Balance;
import io.emberpay.ledger.balance.BalanceReader;
import io.emberpay.ledger.publication.LedgerPublisher;
import io.emberpay.starter.problem.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends transactions to the ledger inside the caller's database transaction. The first
 * append locks the chain head; positions, links and overdraft checks are then decided
 * here in memory, the transactions and entries of a call are written with one statement
 * ({@link AppendStatement}), which also moves the head. A batch of N postings thus costs
 * one lock and one head update, not N row locks on hot balance rows.
 */
@Component
public class LedgerWriter {

	private static final Object CHAIN_RESOURCE = new Object();

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final LedgerPublisher publisher;

	private final BalanceReader balances;

	private final Clock clock;

	private final MeterRegistry meters;

	private final List<AppendListener> listeners;

	public LedgerWriter(JdbcClient jdbc, JdbcTemplate template, LedgerPublisher publisher, BalanceReader balances,
			Clock clock, MeterRegistry meters, List<AppendListener> listeners) {
		this.jdbc = jdbc;
		this.template = template;
		this.publisher = publisher;
		this.balances = balances;
		this.clock = clock;
		this.meters = meters;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Takes the chain lock for the rest of the caller's transaction, so that what it
	 * reads next (open holds, balances) cannot change before it appends.
	 */
	public void lockChain() {
		chain();
	}

	/** Appends the postings in order; answers one outcome per posting. */
	public List<PostingOutcome> append(List<Posting> postings) {
		Chain chain = chain();
		Map<String, PostingOutcome.Duplicate> known = knownCauses(postings);
		Set<String> resolvedHolds = resolvedHolds(postings);
		loadGuardedBalances(postings, chain);
		List<PostingOutcome> outcomes = new ArrayList<>(postings.size());
		List<PostedTransaction> written = new ArrayList<>();
		for (Posting posting : postings) {
			PostingOutcome outcome = decide(posting, chain, known, resolvedHolds);
			if (outcome instanceof PostingOutcome.Posted posted) {
				written.add(posted.transaction());
			}
			outcomes.add(outcome);
		}
		insert(written);
		afterCommit(written);
		return outcomes;
	}

	/**
	 * Once the written transactions commit: counts them by kind
	 * ({@code emberpay.ledger.postings}; duplicates and rejections wrote nothing) and
	 * wakes the publisher that announces them.
	 */
	private void afterCommit(List<PostedTransaction> written) {
		if (written.isEmpty()) {
			return;
		}
		Map<String, Long> byKind = written.stream()
			.collect(Collectors.groupingBy(transaction -> transaction.posting().kind(), Collectors.counting()));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				byKind.forEach((kind, count) -> Counter.builder("emberpay.ledger.postings")
					.description("Ledger transactions posted, by kind")
					.tag("type", kind)
					.register(LedgerWriter.this.meters)
					.increment(count));
				LedgerWriter.this.publisher.wake();
			}
		});
	}

	private PostingOutcome decide(Posting posting, Chain chain, Map<String, PostingOutcome.Duplicate> known,
			Set<String> resolvedHolds) {
		PostingOutcome.Duplicate duplicate = known.get(posting.cause());
		if (duplicate != null) {
			return duplicate;
		}
		try {
			PostingRules.check(posting);
		}
		catch (ApiException ex) {
			return new PostingOutcome.Rejected(ex.error(), ex.getMessage(), ex.param());
		}
		if (posting.resolvesHold() != null && resolvedHolds.contains(posting.resolvesHold())) {
			return new PostingOutcome.Rejected(LedgerError.HOLD_ALREADY_RESOLVED,
					"Hold " + posting.resolvesHold() + " was already posted or voided", null);
		}
		Map<String, Balance> after = new HashMap<>();
		for (Leg leg : posting.legs()) {
			if (leg.account().noOverdraft()) {
				String id = leg.account().id();
				Balance next = leg.appliedTo(after.getOrDefault(id, chain.guardedBalances.get(id)));
				after.put(id, next);
			}
		}
		for (Leg leg : posting.legs()) {
			Balance next = after.get(leg.account().id());
			if (next != null && next.overdrawn(leg.account().normalSide())) {
				return new PostingOutcome.Rejected(LedgerError.INSUFFICIENT_FUNDS,
						"Account " + leg.account().id() + " may not be overdrawn", "entries");
			}
		}
		chain.guardedBalances.putAll(after);
		if (posting.resolvesHold() != null) {
			resolvedHolds.add(posting.resolvesHold());
		}
		PostedTransaction transaction = link(posting, chain);
		known.put(posting.cause(), new PostingOutcome.Duplicate(transaction.id(), posting.requestHash()));
		return new PostingOutcome.Posted(transaction);
	}

	private PostedTransaction link(Posting posting, Chain chain) {
		long seq = chain.seq() + 1;
		String id = ResourceIds.next("txn");
		Instant postedAt = chain.nextPostedAt(this.clock.instant());
		List<ChainHash.Entry> entries = posting.legs()
			.stream()
			.map(leg -> new ChainHash.Entry(leg.account().id(), leg.currency(), leg.direction().column(),
					leg.phase().column(), leg.amount()))
			.toList();
		byte[] previous = chain.hash();
		byte[] hash = new ChainHash(seq, id, posting.kind(), posting.cause(), posting.correlationId(),
				posting.reference(), posting.resolvesHold(), posting.actor(), posting.description(), postedAt, entries)
			.link(previous);
		chain.advance(seq, hash, postedAt);
		return new PostedTransaction(id, seq, posting, postedAt, previous, hash);
	}

	private Map<String, PostingOutcome.Duplicate> knownCauses(List<Posting> postings) {
		Map<String, PostingOutcome.Duplicate> known = new HashMap<>();
		String[] causes = postings.stream().map(Posting::cause).distinct().toArray(String[]::new);
		// Runs after chain() made this transaction's plans custom, so "= any" is one scan
		// of the cause index over the sorted causes, which share leaf pages (they are
		// time-ordered event ids or keys): a quarter of the cost of one probe per cause.
		// A cached generic plan could instead compare every row with every cause.
		this.jdbc
			.sql("select t.cause, t.id, t.request_hash from ledger_transaction t where t.cause = any(?::varchar[])")
			.param(causes)
			.query(rs -> {
				known.put(rs.getString(1), new PostingOutcome.Duplicate(rs.getString(2), rs.getBytes(3)));
			});
		return known;
	}

	private Set<String> resolvedHolds(List<Posting> postings) {
		String[] holds = postings.stream()
			.map(Posting::resolvesHold)
			.filter(java.util.Objects::nonNull)
			.distinct()
			.toArray(String[]::new);
		Set<String> resolved = new HashSet<>();
		if (holds.length > 0) {
			this.jdbc.sql("""
					select t.resolves_hold
					  from unnest(?::varchar[]) as h(id) join ledger_transaction t on t.resolves_hold = h.id
					 where t.resolves_hold is not null""").param(holds).query(rs -> {
				resolved.add(rs.getString(1));
			});
		}
		return resolved;
	}

	private void loadGuardedBalances(List<Posting> postings, Chain chain) {
		Set<String> missing = new LinkedHashSet<>();
		for (Posting posting : postings) {
			for (Leg leg : posting.legs()) {
				Account account = leg.account();
				if (account.noOverdraft() && !chain.guardedBalances.containsKey(account.id())) {
					missing.add(account.id());
				}
			}
		}
		if (!missing.isEmpty()) {
			Map<String, Balance> loaded = this.balances.current(missing);
			missing.forEach(id -> chain.guardedBalances.put(id, loaded.getOrDefault(id, Balance.ZERO)));
		}
	}

	private void insert(List<PostedTransaction> written) {
		if (written.isEmpty()) {
			return;
		}
		AppendStatement.write(this.template, written);
		List<Object[]> holds = new ArrayList<>();
		for (PostedTransaction t : written) {
			HoldTerms hold = t.posting().opensHold();
			if (hold != null) {
				holds.add(new Object[] { t.id(), t.seq(), hold.reference(), hold.debit().id(), hold.credit().id(),
						hold.amount(), hold.debit().currency(), hold.expiresAt().atOffset(ZoneOffset.UTC) });
			}
		}
		if (!holds.isEmpty()) {
			this.template.batchUpdate("""
					insert into ledger_hold (id, transaction_seq, reference, debit_account, credit_account, amount,
					    currency, expires_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""", holds);
		}
		this.listeners.forEach(listener -> listener.appended(written));
	}

	private Chain chain() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Ledger appends must run inside a database transaction");
		}
		Chain chain = (Chain) TransactionSynchronizationManager.getResource(CHAIN_RESOURCE);
		if (chain != null) {
			return chain;
		}
		// Also plans this transaction's statements afresh on every execution: the ledger
		// grows by thousands of rows a second, and a plan cached while it was small (a
		// sequential scan where an index probe is right) would slow every later batch.
		Chain locked = this.jdbc.sql("""
				select seq, hash, posted_at, set_config('plan_cache_mode', 'force_custom_plan', true)
				  from ledger_chain_head where id = 1 for update""")
			.query((rs, row) -> new Chain(rs.getLong(1), rs.getBytes(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.single();
		TransactionSynchronizationManager.bindResource(CHAIN_RESOURCE, locked);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(CHAIN_RESOURCE);
			}
		});
		return locked;
	}

}
