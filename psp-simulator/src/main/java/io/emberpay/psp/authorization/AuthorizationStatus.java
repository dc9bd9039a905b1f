package io.emberpay.psp.authorization;

import java.util.Locale;

/** Where an authorization stands at the acquirer. */
public enum AuthorizationStatus {

	/** The issuer asks the cardholder to pass 3-D Secure first. */
	REQUIRES_ACTION,

	/** A bank debit submitted to the bank, not settled yet. */
	PROCESSING,

	/** Funds are held on the card, waiting for capture or void. */
	AUTHORIZED,

	/** Funds were taken; refunds may follow. A settled bank debit is captured. */
	CAPTURED,

	/** The hold was released without taking funds. */
	VOIDED,

	/** The issuer said no, or the bank failed the debit; nothing was taken. */
	DECLINED,

	/** The bank took back a settled debit. */
	RETURNED;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
