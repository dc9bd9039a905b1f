package io.emberpay.ledger.account;

import java.util.regex.Pattern;

/**
 * The platform's chart of accounts. Each code says whose money it is and on which side it
 * grows; merchants read their own {@code merchant_payable} (pending) and
 * {@code merchant_available} accounts.
 */
public final class AccountCodes {

	public static final String PLATFORM_FEES = "platform_fees";

	public static final String PLATFORM_CASH = "platform_cash";

	public static final String PSP_FEES = "psp_fees";

	/**
	 * Where a payout's amount waits, as the pending side of its hold, until the acquirer
	 * reports it paid or failed. Only pending entries ever reach it: the integrity check
	 * reports a posted one.
	 */
	public static final String PAYOUTS_IN_TRANSIT = "payouts_in_transit";

	private static final Pattern OWNER_PART = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private AccountCodes() {
	}

	public static String pspReceivable(String psp) {
		return "psp_receivable:" + part(psp);
	}

	public static String merchantPayable(String merchant) {
		return "merchant_payable:" + part(merchant);
	}

	/**
	 * The merchant's funds that are available (paid out from, later): the release job
	 * moves each movement's net here from {@code merchant_payable} once it falls due.
	 */
	public static String merchantAvailable(String merchant) {
		return "merchant_available:" + part(merchant);
	}

	/** The side an account of this code grows on when the platform creates it. */
	public static NormalSide normalSide(String code) {
		if (code.startsWith("psp_receivable:") || code.equals(PLATFORM_CASH) || code.equals(PSP_FEES)) {
			return NormalSide.DEBIT;
		}
		return NormalSide.CREDIT;
	}

	/** The merchant who may read an account of this code, if any. */
	public static String owner(String code) {
		if (code.startsWith("merchant_payable:")) {
			return code.substring("merchant_payable:".length());
		}
		return code.startsWith("merchant_available:") ? code.substring("merchant_available:".length()) : null;
	}

	private static String part(String value) {
		if (value == null || !OWNER_PART.matcher(value).matches()) {
			throw new IllegalArgumentException("not an account owner: " + value);
		}
		return value;
	}

}
