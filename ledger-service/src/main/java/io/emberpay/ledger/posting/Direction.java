package io.emberpay.ledger.posting;

import java.util.Locale;

/** The side of an entry. */
public enum Direction {

	DEBIT("debit"), CREDIT("credit");

	private final String column;

	Direction(String column) {
		this.column = column;
	}

	/** The stored (and hashed) spelling; the writer asks for it per leg. */
	public String column() {
		return this.column;
	}

	public Direction opposite() {
		return (this == DEBIT) ? CREDIT : DEBIT;
	}

	public static Direction ofColumn(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
