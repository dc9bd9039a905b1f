package io.emberpay.ledger.account;

import java.util.Objects;

/**
 * A ledger account: one owner's position in one currency. {@code code} names its purpose,
 * e.g. {@code merchant_payable:mer_123}; {@code owner} is the merchant allowed to read
 * it.
 */
public record Account(String id, String code, String currency, String owner, NormalSide normalSide,
		boolean noOverdraft) {

	public Account {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(normalSide, "normalSide");
	}

}
