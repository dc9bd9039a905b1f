package io.emberpay.fraud.risk;

import java.util.Locale;

/** What payment-service should do with the payment. */
public enum Decision {

	APPROVE, REVIEW, DECLINE;

	/** The lower-case name used on the wire. */
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

}
