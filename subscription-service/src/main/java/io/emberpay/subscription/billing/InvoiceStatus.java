package io.emberpay.subscription.billing;

import java.util.Locale;

/**
 * {@code draft -> open -> paid | uncollectible | void}. An open invoice is being
 * collected (first attempt or dunning); the three others are final.
 */
public enum InvoiceStatus {

	DRAFT, OPEN, PAID, UNCOLLECTIBLE, VOID;

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static InvoiceStatus parse(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	public boolean isFinal() {
		return this == PAID || this == UNCOLLECTIBLE || this == VOID;
	}

}
