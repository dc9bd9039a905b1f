package io.emberpay.payment.psp;

import java.util.Map;

/**
 * A returned bank debit's reason, as the bank network gives it (NACHA R-codes for ACH,
 * ISO 20022 reason codes for SEPA), in the platform's {@code failure_code}s, so merchants
 * handle one vocabulary whatever the rail.
 */
public final class BankReturnCodes {

	private static final Map<String, String> FAILURE_CODES = Map.ofEntries(
			// ACH (NACHA)
			Map.entry("R01", "insufficient_funds"), Map.entry("R02", "account_closed"), Map.entry("R03", "no_account"),
			Map.entry("R04", "invalid_account_number"), Map.entry("R07", "debit_not_authorized"),
			Map.entry("R08", "debit_not_authorized"), Map.entry("R10", "debit_not_authorized"),
			Map.entry("R16", "account_frozen"), Map.entry("R20", "bank_account_restricted"),
			Map.entry("R29", "debit_not_authorized"),
			// SEPA (ISO 20022 reason codes)
			Map.entry("AC01", "invalid_account_number"), Map.entry("AC04", "account_closed"),
			Map.entry("AC06", "account_frozen"), Map.entry("AG01", "bank_account_restricted"),
			Map.entry("AM04", "insufficient_funds"), Map.entry("MD01", "no_mandate"),
			Map.entry("MD07", "account_closed"), Map.entry("MS02", "debit_not_authorized"),
			Map.entry("MS03", "bank_returned"), Map.entry("SL01", "bank_returned"));

	private BankReturnCodes() {
	}

	/**
	 * The failure code for a return reason; any reason we do not know is
	 * {@code bank_returned}.
	 */
	public static String failureCode(String returnCode) {
		return FAILURE_CODES.getOrDefault(returnCode, "bank_returned");
	}

}
