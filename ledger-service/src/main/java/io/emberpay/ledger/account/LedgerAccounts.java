package io.emberpay.ledger.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.emberpay.events.ResourceIds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Finds and opens ledger accounts. Accounts never change once created, so they are cached
 * by id and by code; the cache is bounded by the chart of accounts.
 */
@Repository
public class LedgerAccounts {

	private static final String COLUMNS = "id, number, code, currency, owner, normal_side, no_overdraft, livemode";

	private static final int MAX_CACHED = 100_000;

	private final JdbcClient jdbc;

	private final Map<String, Account> byId = new ConcurrentHashMap<>();

	private final Map<String, Account> byCode = new ConcurrentHashMap<>();

	private final TransactionTemplate ownTransaction;

	public LedgerAccounts(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The account of this code, currency and mode, opened with the chart's defaults on
	 * first use. The account row commits at once in its own short transaction: a caller
	 * holding the chain lock then never waits on another writer's uncommitted account
	 * (which could be waiting for the chain lock in turn), and an account left without
	 * entries by a rolled-back posting is harmless.
	 */
	public Account open(String code, String currency, boolean livemode) {
		Account cached = this.byCode.get(key(code, currency, livemode));
		if (cached != null) {
			return cached;
		}
		Account account = this.ownTransaction.execute(status -> {
			this.jdbc.sql("""
					insert into ledger_account (id, code, currency, owner, normal_side, no_overdraft, livemode)
					values (?, ?, ?, ?, ?, false, ?) on conflict (code, currency, livemode) do nothing""")
				.params(ResourceIds.next("acct"), code, currency, AccountCodes.owner(code),
						AccountCodes.normalSide(code).column(), livemode)
				.update();
			return this.jdbc
				.sql("select " + COLUMNS + " from ledger_account where code = ? and currency = ? and livemode = ?")
				.params(code, currency, livemode)
				.query(LedgerAccounts::map)
				.single();
		});
		return remember(account);
	}

	/**
	 * Creates an account with explicit terms; empty when the code, currency and mode
	 * exist.
	 */
	public Optional<Account> create(String code, String currency, String owner, NormalSide side, boolean noOverdraft,
			boolean livemode) {
		String id = ResourceIds.next("acct");
		return this.jdbc.sql("""
				insert into ledger_account (id, code, currency, owner, normal_side, no_overdraft, livemode)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (code, currency, livemode) do nothing returning number""")
			.params(id, code, currency, owner, side.column(), noOverdraft, livemode)
			.query(Integer.class)
			.optional()
			.map(number -> rememberAfterCommit(
					new Account(id, number, code, currency, owner, side, noOverdraft, livemode)));
	}

	public Optional<Account> find(String id) {
		Account cached = this.byId.get(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		return this.jdbc.sql("select " + COLUMNS + " from ledger_account where id = ?")
			.param(id)
			.query(LedgerAccounts::map)
			.optional()
			.map(this::remember);
	}

	/** The accounts of {@code owner} in one mode only: test and live never mix. */
	public List<Account> ownedBy(String owner, boolean livemode) {
		return this.jdbc
			.sql("select " + COLUMNS + " from ledger_account where owner = ? and livemode = ? order by code, currency")
			.params(owner, livemode)
			.query(LedgerAccounts::map)
			.list();
	}

	/**
	 * An account this transaction created exists for others only once it commits; caching
	 * it earlier would outlive a rollback.
	 */
	private Account rememberAfterCommit(Account account) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					remember(account);
				}
			});
			return account;
		}
		return remember(account);
	}

	private Account remember(Account account) {
		if (this.byId.size() < MAX_CACHED) {
			this.byId.put(account.id(), account);
			this.byCode.put(key(account.code(), account.currency(), account.livemode()), account);
		}
		return account;
	}

	private static String key(String code, String currency, boolean livemode) {
		return code + '|' + currency + (livemode ? "|live" : "|test");
	}

	private static Account map(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
				NormalSide.ofColumn(rs.getString(6)), rs.getBoolean(7), rs.getBoolean(8));
	}

}
