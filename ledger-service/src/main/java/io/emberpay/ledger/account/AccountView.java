package io.emberpay.ledger.account;

/** A ledger account as the API shows it. */
public record AccountView(String id, String object, String code, String currency, String owner, String normalSide,
		boolean noOverdraft, boolean livemode) {

	public static AccountView of(Account account) {
		return new AccountView(account.id(), "ledger_account", account.code(), account.currency(), account.owner(),
				account.normalSide().column(), account.noOverdraft(), account.livemode());
	}

}
