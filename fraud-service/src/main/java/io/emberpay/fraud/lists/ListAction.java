package io.emberpay.fraud.lists;

import java.util.Locale;

/** Block declines a payment that matches; allow approves it whatever its score. */
public enum ListAction {

	BLOCK, ALLOW;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
