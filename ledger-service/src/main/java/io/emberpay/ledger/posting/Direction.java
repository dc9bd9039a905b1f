package io.emberpay.ledger.posting;

import java.util.Locale;

/** The side of an entry. */
public enum Direction {

	DEBIT, CREDIT;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public Direction opposite() {
		return (this == DEBIT) ? CREDIT : DEBIT;
	}

	public static Direction ofColumn(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
