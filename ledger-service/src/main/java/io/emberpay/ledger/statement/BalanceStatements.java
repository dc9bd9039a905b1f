package io.emberpay.ledger.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.account.NormalSide;
import io.emberpay.ledger.balance.Balance;
import io.emberpay.ledger.balance.BalanceReader;
import io.emberpay.ledger.fx.FxSettlement;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A merchant's balance statement over {@code [from, to)}, per currency: the balance
 * before {@code from}, each balance transaction in between, and the balance before
 * {@code to}. Both balances are read from the ledger's entries (its
 * {@code merchant_payable} posted and {@code merchant_available} accounts, as
 * {@code /v1/balance} adds them up), the movements from the balance transactions, all in
 * one repeatable-read snapshot and cut at the same chain positions, so the opening
 * balance plus the movements' nets is the closing balance exactly: the statement
 * reconciles to the ledger. A statement covers one mode's balance, the caller's: a test
 * key's statement never shows live money, nor a live key's test money.
 */
@Component
public class BalanceStatements {

	private final LedgerAccounts accounts;

	private final BalanceReader balances;

	private final JdbcClient jdbc;

	private final TransactionTemplate snapshot;

	public BalanceStatements(LedgerAccounts accounts, BalanceReader balances, JdbcClient jdbc,
			PlatformTransactionManager transactionManager) {
		this.accounts = accounts;
		this.balances = balances;
		this.jdbc = jdbc;
		this.snapshot = new TransactionTemplate(transactionManager);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
	}

	public List<CurrencyStatement> statement(String merchant, boolean livemode, Instant from, Instant to) {
		return this.snapshot.execute(status -> read(merchant, livemode, from, to));
	}

	private List<CurrencyStatement> read(String merchant, boolean livemode, Instant from, Instant to) {
		// the last chain position posted strictly before each end: [from, to)
		long openingSeq = this.balances.seqAt(from.minusNanos(1_000));
		long closingSeq = this.balances.seqAt(to.minusNanos(1_000));
		String payableCode = AccountCodes.merchantPayable(merchant);
		String availableCode = AccountCodes.merchantAvailable(merchant);
		List<Account> owned = this.accounts.ownedBy(merchant, livemode)
			.stream()
			.filter(account -> account.code().equals(payableCode) || account.code().equals(availableCode))
			.toList();
		List<String> ids = owned.stream().map(Account::id).toList();
		Map<String, Balance> opening = this.balances.asOf(ids, openingSeq);
		Map<String, Balance> closing = this.balances.asOf(ids, closingSeq);
		Map<String, long[]> totals = new TreeMap<>();
		for (Account account : owned) {
			long[] pair = totals.computeIfAbsent(account.currency(), currency -> new long[2]);
			boolean available = account.code().equals(availableCode);
			pair[0] += merchantBalance(opening.getOrDefault(account.id(), Balance.ZERO), available);
			pair[1] += merchantBalance(closing.getOrDefault(account.id(), Balance.ZERO), available);
		}
		Map<String, List<Movement>> movements = new TreeMap<>();
		this.jdbc.sql("""
				select b.currency, b.id, b.created, b.type, b.source, b.amount, b.fee, b.net, f.exchange_rate
				  from balance_transaction b left join fx_conversion f on f.transaction_id = b.transaction_id
				 where b.merchant = ? and b.livemode = ? and b.transaction_seq > ? and b.transaction_seq <= ?
				 order by b.seq""").params(merchant, livemode, openingSeq, closingSeq).query(rs -> {
			BigDecimal rate = rs.getBigDecimal(9);
			movements.computeIfAbsent(rs.getString(1), currency -> new ArrayList<>())
				.add(new Movement(rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
						rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
						(rate == null) ? null : FxSettlement.shown(rate)));
		});
		List<CurrencyStatement> statements = new ArrayList<>();
		for (Map.Entry<String, long[]> total : totals.entrySet()) {
			List<Movement> moved = movements.getOrDefault(total.getKey(), List.of());
			long[] pair = total.getValue();
			if (pair[0] != 0 || pair[1] != 0 || !moved.isEmpty()) {
				statements.add(new CurrencyStatement(total.getKey(), pair[0], moved, pair[1]));
			}
		}
		return statements;
	}

	/**
	 * What the merchant's balance holds on the account: the posted part of
	 * {@code merchant_payable} (its pending part is authorizations) and all of
	 * {@code merchant_available} (payouts in transit have already left it).
	 */
	private static long merchantBalance(Balance balance, boolean available) {
		long posted = balance.available(NormalSide.CREDIT);
		return available ? posted + balance.pending(NormalSide.CREDIT) : posted;
	}

	/** One currency's section of a statement. */
	public record CurrencyStatement(String currency, long opening, List<Movement> movements, long closing) {
	}

	/** One balance transaction as a statement lists it. */
	public record Movement(String id, Instant created, String type, String source, long gross, long fee, long net,
			BigDecimal exchangeRate) {
	}

}
