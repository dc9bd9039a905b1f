package io.emberpay.payment.vault;

import java.time.Instant;

/** A bank account as the API shows it: the last four digits, never the number. */
record ExternalAccountView(String id, String object, String country, String currency, String bankName, String last4,
		String routingNumber, String fingerprint, String status, Instant created) {

	static ExternalAccountView of(ExternalAccount account) {
		return new ExternalAccountView(account.id(), "bank_account", account.country(), account.currency(),
				account.bankName(), account.last4(), account.routingNumber(), account.fingerprint(),
				account.isDeleted() ? "deleted" : "new", account.created());
	}

}
