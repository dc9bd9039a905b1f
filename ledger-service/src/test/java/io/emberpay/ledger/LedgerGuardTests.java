package io.emberpay.ledger;

import java.util.List;

import io.emberpay.ledger.balance.BalanceSnapshots;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database refuses what the code never writes: edits, deletions and unbalanced
 * transactions; and the integrity check notices a row changed behind the triggers' back.
 */
class LedgerGuardTests extends LedgerIntegration {

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private BalanceSnapshots snapshots;

	@Test
	void refusesUpdateAndDeleteOfEntriesAndTransactions() {
		String txn = postSmallTransfer();
		assertThatThrownBy(() -> this.jdbc.sql(
				"update ledger_entry set amount = amount + 1 where transaction_seq = (select seq from ledger_transaction where id = ?)")
			.param(txn)
			.update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("insert-only");
		assertThatThrownBy(() -> this.jdbc
			.sql("delete from ledger_entry where transaction_seq = (select seq from ledger_transaction where id = ?)")
			.param(txn)
			.update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("insert-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("update ledger_transaction set kind = 'x' where id = ?").param(txn).update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("insert-only");
		assertThatThrownBy(() -> this.jdbc.sql("truncate ledger_entry cascade").update())
			.isInstanceOf(DataAccessException.class);
	}

	@Test
	void refusesUnbalancedTransactionWrittenDirectlyInSql() {
		String account = openAccount("guard:" + uniqueId("x"), "USD", "debit", false);
		assertRefused(forge("forged-unbalanced", account, "USD", 100, account, "USD", 99), "does not balance");
		assertThat(transactionsCausedBy("forged-unbalanced")).isZero();
	}

	@Test
	void refusesEntriesNotNumberedOneToN() {
		String account = openAccount("guard:" + uniqueId("x"), "USD", "debit", false);
		String gap = forge("forged-gap", account, "USD", 100, account, "USD", 100).replace(", 2, '", ", 3, '");
		assertRefused(gap, "must number its entries 1 to n");
		String twice = forge("forged-twice", account, "USD", 100, account, "USD", 100).replace(", 2, '", ", 1, '");
		assertRefused(twice, "ledger_entry_pkey");
		assertThat(transactionsCausedBy("forged-gap") + transactionsCausedBy("forged-twice")).isZero();
	}

	@Test
	void refusesATransactionWithoutEntriesOrWithOneEntry() {
		String account = openAccount("guard:" + uniqueId("x"), "USD", "debit", false);
		assertRefused("""
				insert into ledger_transaction (seq, id, kind, cause, posted_at, prev_hash, hash)
				values (9000000001, 'txn_forged_empty', 'forged', 'forged-empty', now(), '\\x00', '\\x00')""",
				"has no entries");
		assertRefused("""
				with forged as (
				    insert into ledger_transaction (seq, id, kind, cause, posted_at, prev_hash, hash)
				    values (9000000002, 'txn_forged_one', 'forged', 'forged-one', now(), '\\x00', '\\x00'))
				insert into ledger_entry (transaction_seq, leg, account_id, account_number, currency, direction, phase,
				    amount)
				values (9000000002, 1, '%1$s', (select number from ledger_account where id = '%1$s'), 'USD', 'debit',
				    'posted', 100)""".formatted(account), "at least 2 entries");
		assertThat(transactionsCausedBy("forged-empty") + transactionsCausedBy("forged-one")).isZero();
	}

	@Test
	void refusesEntriesAddedToAnExistingTransactionEvenWhenTheyBalance() {
		String txn = postSmallTransfer();
		String account = openAccount("guard:" + uniqueId("x"), "USD", "debit", false);
		assertRefused("""
				insert into ledger_entry (transaction_seq, leg, account_id, account_number, currency, direction, phase,
				    amount)
				select t.seq, 3, a.id, a.number, 'USD', 'debit', 'posted', 7
				  from ledger_transaction t, ledger_account a where t.id = '%2$s' and a.id = '%1$s'
				union all
				select t.seq, 4, a.id, a.number, 'USD', 'credit', 'posted', 7
				  from ledger_transaction t, ledger_account a where t.id = '%2$s' and a.id = '%1$s'"""
			.formatted(account, txn), "all written with it in one statement");
		assertRefused(
				"""
						insert into ledger_entry (transaction_seq, leg, account_id, account_number, currency, direction, phase, amount)
						select 9000000003, l, id, number, 'USD', d, 'posted', 7
						  from ledger_account, (values (1, 'debit'), (2, 'credit')) v(l, d) where id = '%1$s'"""
					.formatted(account),
				"does not exist");
	}

	@Test
	void refusesEntriesOnAnAccountOfAnotherCurrencyAndRemovingAnAccount() {
		String account = openAccount("guard:" + uniqueId("x"), "USD", "debit", false);
		assertRefused(forge("forged-currency", account, "EUR", 100, account, "EUR", 100),
				"no account of its number and currency");
		assertRefused("delete from ledger_account where id = '%s'".formatted(account), "never removed or re-keyed");
		assertRefused("update ledger_account set currency = 'EUR' where id = '%s'".formatted(account),
				"never removed or re-keyed");
		assertRefused("update ledger_account set number = default where id = '%s'".formatted(account),
				"never removed or re-keyed");
		assertRefused("update ledger_account set livemode = true where id = '%s'".formatted(account),
				"never removed or re-keyed");
	}

	@Test
	void refusesAnEntryFiledUnderAnotherAccountsNumber() {
		String debit = openAccount("guard:" + uniqueId("x"), "USD", "debit", false);
		String credit = openAccount("guard:" + uniqueId("y"), "USD", "credit", false);
		String misfiled = forge("forged-number", debit, "USD", 100, credit, "USD", 100)
			.replaceFirst("where id = '" + debit + "'", "where id = '" + credit + "'");
		assertRefused(misfiled, "no account of its number and currency");
		assertThat(transactionsCausedBy("forged-number")).isZero();
	}

	/**
	 * One statement that writes a transaction and its two entries, as the ledger does.
	 */
	private static String forge(String cause, String debit, String debitCurrency, long debitAmount, String credit,
			String creditCurrency, long creditAmount) {
		return """
				with forged as (
				    insert into ledger_transaction (seq, id, kind, cause, posted_at, prev_hash, hash)
				    values (9000000000, 'txn_forged', 'forged', '%s', now(), '\\x00', '\\x00'))
				insert into ledger_entry (transaction_seq, leg, account_id, account_number, currency, direction, phase,
				    amount)
				values (9000000000, 1, '%2$s', (select number from ledger_account where id = '%2$s'), '%3$s', 'debit',
				        'posted', %4$d),
				       (9000000000, 2, '%5$s', (select number from ledger_account where id = '%5$s'), '%6$s', 'credit',
				        'posted', %7$d)""".formatted(cause, debit, debitCurrency, debitAmount, credit, creditCurrency,
				creditAmount);
	}

	private void assertRefused(String sql, String reason) {
		assertThatThrownBy(() -> this.transactions.executeWithoutResult(status -> this.jdbc.sql(sql).update()))
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining(reason);
	}

	@Test
	void integrityCheckPassesAndCatchesATamperedRow() {
		String txn = postSmallTransfer();
		this.snapshots.snapshot(1);
		assertThat(integrity().get("ok").asBoolean()).as(integrity().toString()).isTrue();

		assertThat(scrapedViolations()).isZero();

		tamper(txn, 1);
		try {
			var report = integrity();
			assertThat(report.get("ok").asBoolean()).isFalse();
			assertThat(report.get("problems").toString()).contains(txn);
			assertThat(scrapedViolations()).isEqualTo(report.get("problems").size()).isPositive();
		}
		finally {
			tamper(txn, -1);
		}
		assertThat(integrity().get("ok").asBoolean()).isTrue();
		assertThat(scrapedViolations()).isZero();
	}

	@Test
	void integrityCheckCatchesAnEntryFiledUnderAnotherAccountsNumber() {
		String txn = postSmallTransfer();
		assertThat(integrity().get("ok").asBoolean()).as(integrity().toString()).isTrue();
		swapAccountNumbersOfLegs(txn);
		try {
			var report = integrity();
			assertThat(report.get("ok").asBoolean()).isFalse();
			assertThat(report.get("problems").toString()).contains("is filed under another account's number");
		}
		finally {
			swapAccountNumbersOfLegs(txn);
		}
		assertThat(integrity().get("ok").asBoolean()).isTrue();
	}

	@Test
	void integrityCheckCatchesATransactionBetweenTestAndLiveAccounts() {
		String txn = postSmallTransfer();
		String account = this.jdbc.sql("""
				select a.id from ledger_entry e join ledger_account a on a.number = e.account_number
				 where e.leg = 2 and e.transaction_seq = (select seq from ledger_transaction where id = ?)""")
			.param(txn)
			.query(String.class)
			.single();
		assertThat(integrity().get("ok").asBoolean()).as(integrity().toString()).isTrue();
		makeLive(account, true);
		try {
			var report = integrity();
			assertThat(report.get("ok").asBoolean()).isFalse();
			assertThat(report.get("problems").toString()).contains("between test and live");
		}
		finally {
			makeLive(account, false);
		}
		assertThat(integrity().get("ok").asBoolean()).isTrue();
	}

	/** Moves an account to the other mode, as only a superuser could. */
	private void makeLive(String account, boolean livemode) {
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.sql("alter table ledger_account disable trigger ledger_account_keys_fixed").update();
			this.jdbc.sql("update ledger_account set livemode = ? where id = ?").params(livemode, account).update();
			this.jdbc.sql("alter table ledger_account enable trigger ledger_account_keys_fixed").update();
		});
	}

	private double scrapedViolations() {
		return scraped("emberpay_ledger_integrity_violations{application=\"ledger-service\"}").orElseThrow();
	}

	@Test
	void integrityIsOperatorOnlyOnThePublicApi() {
		assertThat(merchant("mer_x").get("/v1/ledger/integrity").status()).isEqualTo(403);
		assertThat(operator().get("/v1/ledger/integrity").status()).isEqualTo(200);
	}

	/**
	 * Changes an entry the way only a superuser could: with the guard trigger disabled.
	 */
	private void tamper(String txn, long delta) {
		behindTheGuard("""
				update ledger_entry set amount = amount + ?
				 where leg = 1 and transaction_seq = (select seq from ledger_transaction where id = ?)""", delta, txn);
	}

	/**
	 * Balances find entries by account number, which the hash chain does not cover: swaps
	 * the numbers of a two-leg transaction's entries, amounts and ids untouched.
	 */
	private void swapAccountNumbersOfLegs(String txn) {
		behindTheGuard("""
				update ledger_entry e set account_number = o.account_number
				  from ledger_entry o
				 where o.transaction_seq = e.transaction_seq and o.leg = 3 - e.leg
				   and e.transaction_seq = (select seq from ledger_transaction where id = ?)""", txn);
	}

	private void behindTheGuard(String sql, Object... params) {
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.sql("alter table ledger_entry disable trigger ledger_entry_insert_only").update();
			this.jdbc.sql(sql).params(params).update();
			this.jdbc.sql("alter table ledger_entry enable trigger ledger_entry_insert_only").update();
		});
	}

	private tools.jackson.databind.JsonNode integrity() {
		ApiClient.Response response = operator().get("/internal/v1/integrity");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private String postSmallTransfer() {
		String owner = uniqueId("x");
		String from = openAccount("guard_from:" + owner, "USD", "debit", false);
		String to = openAccount("guard_to:" + owner, "USD", "credit", false);
		ApiClient.Response response = adjust("guard-" + owner,
				List.of(entry(from, "debit", 100, "USD"), entry(to, "credit", 100, "USD")));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.text("id");
	}

}
