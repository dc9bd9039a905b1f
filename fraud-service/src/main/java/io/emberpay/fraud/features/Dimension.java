package io.emberpay.fraud.features;

import java.util.Locale;

/** What a velocity window counts by. */
public enum Dimension {

	USER, CARD, DEVICE, IP;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
