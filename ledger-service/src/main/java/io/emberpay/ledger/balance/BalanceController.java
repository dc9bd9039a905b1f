package io.emberpay.ledger.balance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.emberpay.ledger.access.LedgerAccess;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.account.AccountView;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.account.NormalSide;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Balances and entries: a merchant reads its own accounts of its credential's mode, an
 * operator any account, anyone else gets 404.
 */
@RestController
class BalanceController {

	private final LedgerAccounts accounts;

	private final BalanceReader balances;

	private final JdbcClient jdbc;

	BalanceController(LedgerAccounts accounts, BalanceReader balances, JdbcClient jdbc) {
		this.accounts = accounts;
		this.balances = balances;
		this.jdbc = jdbc;
	}

	/**
	 * The merchant's funds per currency: {@code available} from its
	 * {@code merchant_available} accounts (less payouts in transit), {@code pending}
	 * (moved in, not yet available) from the posted part of its {@code merchant_payable}
	 * accounts, and {@code authorized} (held by card authorizations, not yet captured)
	 * from their pending part. Available plus pending is the sum of its balance
	 * transactions. Only the accounts of the caller's mode count: a test key sees the
	 * test balance, a live key the live one.
	 */
	@GetMapping("/v1/balance")
	MerchantBalance balance(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only a merchant has a balance");
		}
		String payableCode = AccountCodes.merchantPayable(caller.id());
		String availableCode = AccountCodes.merchantAvailable(caller.id());
		List<Account> owned = this.accounts.ownedBy(caller.id(), caller.livemode())
			.stream()
			.filter(account -> account.code().equals(payableCode) || account.code().equals(availableCode))
			.toList();
		Map<String, Balance> sums = this.balances.current(owned.stream().map(Account::id).toList());
		Map<String, Account> payable = new TreeMap<>();
		Map<String, Account> availableAccounts = new TreeMap<>();
		for (Account account : owned) {
			(account.code().equals(payableCode) ? payable : availableAccounts).put(account.currency(), account);
		}
		Set<String> currencies = new TreeSet<>(payable.keySet());
		currencies.addAll(availableAccounts.keySet());
		List<MerchantBalance.Amount> available = new ArrayList<>();
		List<MerchantBalance.Amount> pending = new ArrayList<>();
		List<MerchantBalance.Amount> authorized = new ArrayList<>();
		for (String currency : currencies) {
			Account free = availableAccounts.get(currency);
			Account held = payable.get(currency);
			Balance freeSums = (free == null) ? Balance.ZERO : sums.getOrDefault(free.id(), Balance.ZERO);
			Balance heldSums = (held == null) ? Balance.ZERO : sums.getOrDefault(held.id(), Balance.ZERO);
			// payouts in transit hold available funds with pending debits: no longer
			// available
			long spendable = freeSums.available(NormalSide.CREDIT) + freeSums.pending(NormalSide.CREDIT);
			available.add(new MerchantBalance.Amount(spendable, currency, (free == null) ? null : free.id()));
			pending.add(new MerchantBalance.Amount(heldSums.available(NormalSide.CREDIT), currency,
					(held == null) ? null : held.id()));
			authorized.add(new MerchantBalance.Amount(heldSums.pending(NormalSide.CREDIT), currency,
					(held == null) ? null : held.id()));
		}
		return new MerchantBalance("balance", available, pending, authorized, caller.livemode());
	}

	@GetMapping("/v1/ledger/accounts/{id}")
	AccountView account(Caller caller, @PathVariable String id) {
		return AccountView.of(readable(caller, id));
	}

	@GetMapping("/v1/ledger/accounts/{id}/balance")
	AccountBalance accountBalance(Caller caller, @PathVariable String id,
			@RequestParam(name = "as_of", required = false) String asOf) {
		Account account = readable(caller, id);
		Instant at = (asOf == null) ? null : parseInstant(asOf);
		long seq = (at == null) ? BalanceReader.LATEST : this.balances.seqAt(at);
		Balance balance = this.balances.asOf(List.of(account.id()), seq).getOrDefault(account.id(), Balance.ZERO);
		return new AccountBalance("ledger_balance", account.id(), account.currency(), at,
				balance.available(account.normalSide()), balance.pending(account.normalSide()), balance.postedDebits(),
				balance.postedCredits(), balance.pendingDebits(), balance.pendingCredits());
	}

	@GetMapping("/v1/ledger/accounts/{id}/entries")
	ListPage<AccountEntry> entries(Caller caller, @PathVariable String id,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		Account account = readable(caller, id);
		PageQuery page = PageQuery.of(limit, startingAfter);
		String sql = """
				select e.transaction_seq, e.leg, t.id, e.direction, e.phase, e.amount, e.currency, t.posted_at, t.kind,
				       t.reference
				  from ledger_entry e join ledger_transaction t on t.seq = e.transaction_seq
				 where e.account_number = :account %s
				 order by e.transaction_seq desc, e.leg desc limit :rows""";
		var statement = this.jdbc
			.sql(sql.formatted((page.startingAfter() == null) ? "" : "and (e.transaction_seq, e.leg) < (:seq, :leg)"))
			.param("account", account.number());
		if (page.startingAfter() != null) {
			EntryName cursor = EntryName.parse(page.startingAfter());
			statement = statement.param("seq", cursor.transactionSeq()).param("leg", cursor.leg());
		}
		List<AccountEntry> rows = statement.param("rows", page.limit() + 1)
			.query((rs, row) -> new AccountEntry(new EntryName(rs.getLong(1), rs.getInt(2)).toString(), "ledger_entry",
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7),
					rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getString(9), rs.getString(10)))
			.list();
		return ListPage.of(rows, page.limit(), row -> row);
	}

	private Account readable(Caller caller, String id) {
		Account account = this.accounts.find(id).orElseThrow(() -> ApiException.notFound("ledger account", id));
		return LedgerAccess.readable(caller, account);
	}

	private static Instant parseInstant(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalid("as_of", "as_of must be an RFC 3339 time such as 2026-11-22T01:02:03Z");
		}
	}

	record MerchantBalance(String object, List<Amount> available, List<Amount> pending, List<Amount> authorized,
			boolean livemode) {

		record Amount(long amount, String currency, String account) {
		}

	}

	record AccountBalance(String object, String account, String currency, Instant asOf, long available, long pending,
			long postedDebits, long postedCredits, long pendingDebits, long pendingCredits) {
	}

	record AccountEntry(String id, String object, String transaction, String direction, String phase, long amount,
			String currency, Instant postedAt, String kind, String reference) {
	}

}
