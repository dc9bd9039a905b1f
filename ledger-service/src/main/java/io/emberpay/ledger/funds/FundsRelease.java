package io.emberpay.ledger.funds;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.LedgerWriter;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;
import io.emberpay.ledger.posting.PostingOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes funds available when they fall due: for each pending balance transaction past its
 * {@code available_on}, one ledger transfer of its net from {@code merchant_payable} to
 * {@code merchant_available} (the other way for a negative net), and the movement marked
 * available in the same database transaction. Safe on every replica at once: the chain
 * lock serialises them, rows are taken {@code for update skip locked}, and each
 * transfer's cause ({@code funds_available:<btx>}) is unique, so a movement is never
 * released twice.
 */
@Component
public class FundsRelease {

	private static final Logger log = LoggerFactory.getLogger(FundsRelease.class);

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final LedgerWriter writer;

	private final LedgerAccounts accounts;

	private final TransactionTemplate transactions;

	private final AvailabilityProperties properties;

	private final Clock clock;

	public FundsRelease(JdbcClient jdbc, JdbcTemplate template, LedgerWriter writer, LedgerAccounts accounts,
			TransactionTemplate transactions, AvailabilityProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.writer = writer;
		this.accounts = accounts;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${emberpay.ledger.availability.interval:PT1M}")
	public void releaseDue() {
		int released;
		int total = 0;
		do {
			released = releaseBatch(this.clock.instant());
			total += released;
		}
		while (released == this.properties.batch());
		if (total > 0) {
			log.info("Made {} balance transactions available", total);
		}
	}

	/** Releases up to one batch of movements due by {@code now}; answers how many. */
	public int releaseBatch(Instant now) {
		Integer released = this.transactions.execute(status -> {
			List<Due> due = this.jdbc.sql("""
					select id, merchant, currency, net, livemode from balance_transaction
					 where status = 'pending' and available_on <= ?
					 order by available_on limit ? for update skip locked""")
				.params(Timestamp.from(now), this.properties.batch())
				.query((rs, row) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
						rs.getBoolean(5)))
				.list();
			if (due.isEmpty()) {
				return 0;
			}
			this.writer.lockChain();
			List<Posting> transfers = due.stream().map(this::transfer).toList();
			List<PostingOutcome> outcomes = this.writer.append(transfers);
			List<Object[]> marks = new ArrayList<>(due.size());
			for (int i = 0; i < due.size(); i++) {
				marks.add(new Object[] { transactionOf(transfers.get(i), outcomes.get(i)), due.get(i).id() });
			}
			this.template.batchUpdate(
					"update balance_transaction set status = 'available', available_transaction = ? where id = ?",
					marks);
			return due.size();
		});
		return (released == null) ? 0 : released;
	}

	private Posting transfer(Due due) {
		Account payable = this.accounts.open(AccountCodes.merchantPayable(due.merchant()), due.currency(),
				due.livemode());
		Account available = this.accounts.open(AccountCodes.merchantAvailable(due.merchant()), due.currency(),
				due.livemode());
		Direction fromPayable = (due.net() > 0) ? Direction.DEBIT : Direction.CREDIT;
		long amount = Math.abs(due.net());
		return Posting.of("funds_available:" + due.id(), BalanceTransactions.RELEASE_KIND, null, due.id(), List
			.of(Leg.posted(payable, fromPayable, amount), Leg.posted(available, fromPayable.opposite(), amount)));
	}

	private static String transactionOf(Posting transfer, PostingOutcome outcome) {
		return switch (outcome) {
			case PostingOutcome.Posted posted -> posted.transaction().id();
			case PostingOutcome.Duplicate duplicate -> duplicate.transactionId();
			// neither account is guarded and the legs balance: a refusal is a defect
			case PostingOutcome.Rejected rejected -> throw new IllegalStateException(
					"Transfer " + transfer.cause() + " refused: " + rejected.error().code() + ": " + rejected.detail());
		};
	}

	private record Due(String id, String merchant, String currency, long net, boolean livemode) {
	}

}
