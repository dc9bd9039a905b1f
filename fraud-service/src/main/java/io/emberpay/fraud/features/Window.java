package io.emberpay.fraud.features;

import java.time.Duration;

/** The sliding windows velocity is measured over. */
public enum Window {

	MINUTE("1m", Duration.ofMinutes(1)), HOUR("1h", Duration.ofHours(1)), DAY("24h", Duration.ofHours(24));

	private final String code;

	private final Duration length;

	Window(String code, Duration length) {
		this.code = code;
		this.length = length;
	}

	public String code() {
		return this.code;
	}

	public Duration length() {
		return this.length;
	}

}
