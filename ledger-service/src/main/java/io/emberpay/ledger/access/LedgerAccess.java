package io.emberpay.ledger.access;

import io.emberpay.ledger.account.Account;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;

/**
 * Who may see and change what: operators (with MFA, starter's OperatorAccess) everything,
 * a merchant the accounts it owns in its credential's mode (a test key never reads a live
 * account, nor a live key a test one), nobody else anything. An account one may not read
 * is reported as not found.
 */
public final class LedgerAccess {

	private LedgerAccess() {
	}

	public static Account readable(Caller caller, Account account) {
		if (caller.isOperator() || (caller.isMerchant() && caller.id().equals(account.owner())
				&& caller.livemode() == account.livemode())) {
			return account;
		}
		throw ApiException.notFound("ledger account", account.id());
	}

}
