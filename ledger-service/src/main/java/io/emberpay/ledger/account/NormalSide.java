package io.emberpay.ledger.account;

import java.util.Locale;

/**
 * The side on which an account grows: assets (receivables, cash) grow with debits,
 * liabilities and income (what we owe merchants, fees earned) with credits.
 */
public enum NormalSide {

	DEBIT, CREDIT;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static NormalSide ofColumn(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
