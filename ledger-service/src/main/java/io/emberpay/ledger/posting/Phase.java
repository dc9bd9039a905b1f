package io.emberpay.ledger.posting;

import java.util.Locale;

/**
 * Whether an entry moves money for good ({@code POSTED}) or only reserves it until a hold
 * is posted or voided ({@code PENDING}). Each phase balances on its own.
 */
public enum Phase {

	PENDING("pending"), POSTED("posted");

	private final String column;

	Phase(String column) {
		this.column = column;
	}

	/** The stored (and hashed) spelling; the writer asks for it per leg. */
	public String column() {
		return this.column;
	}

	public static Phase ofColumn(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
