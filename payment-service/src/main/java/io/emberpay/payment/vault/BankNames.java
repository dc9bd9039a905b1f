package io.emberpay.payment.vault;

import java.util.Map;

/**
 * The bank of an account, for display: from the US routing number, or the bank code a
 * German IBAN carries; unknown banks have no name.
 */
final class BankNames {

	/** Banks the simulator and the tests use, by routing number or German bank code. */
	private static final Map<String, String> BANKS = Map.of("110000000", "STRIPE TEST BANK", "37040044", "Commerzbank",
			"10010010", "Postbank", "021000021", "JPMorgan Chase");

	private BankNames() {
	}

	static String of(BankAccountNumber number) {
		if (number.routingNumber() != null) {
			return BANKS.get(number.routingNumber());
		}
		// a German IBAN carries the bank code (Bankleitzahl) in characters 5 to 12
		return "DE".equals(number.country()) ? BANKS.get(number.secret().substring(4, 12)) : null;
	}

}
