package io.emberpay.psp.authorization;

import java.util.Locale;

/** Where an authorization stands at the acquirer. */
public enum AuthorizationStatus {

	/** Funds are held on the card, waiting for capture or void. */
	AUTHORIZED,

	/** Funds were taken; refunds may follow. */
	CAPTURED,

	/** The hold was released without taking funds. */
	VOIDED,

	/** The issuer said no; nothing was held. */
	DECLINED;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
