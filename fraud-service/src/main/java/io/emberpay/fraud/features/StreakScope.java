package io.emberpay.fraud.features;

import java.util.Locale;

/** What a failures-in-a-row counter counts. */
public enum StreakScope {

	PAYMENT_USER, PAYMENT_CARD, LOGIN_USER;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
