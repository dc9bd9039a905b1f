package io.emberpay.ledger.posting;

import java.util.Locale;

/**
 * Whether an entry moves money for good ({@code POSTED}) or only reserves it until a hold
 * is posted or voided ({@code PENDING}). Each phase balances on its own.
 */
public enum Phase {

	PENDING, POSTED;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Phase ofColumn(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
