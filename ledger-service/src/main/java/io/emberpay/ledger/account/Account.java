package io.emberpay.ledger.account;

import java.util.Objects;

/**
 * A ledger account: one owner's position in one currency. {@code code} names its purpose,
 * e.g. {@code merchant_payable:mer_123}; {@code owner} is the merchant allowed to read
 * it. {@code number} is the database's compact key for the account's entries, assigned
 * once like the id; it never leaves the service. {@code livemode}: whether it holds live
 * or test money; the same code exists once per mode, and money never moves between modes.
 */
public record Account(String id, int number, String code, String currency, String owner, NormalSide normalSide,
		boolean noOverdraft, boolean livemode) {

	public Account {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(normalSide, "normalSide");
	}

}
