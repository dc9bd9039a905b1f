package io.emberpay.payment.payment;

import java.util.Locale;

import io.emberpay.starter.problem.ApiException;

/** Whether authorization also captures ({@code automatic}) or waits for the merchant. */
public enum CaptureMethod {

	AUTOMATIC, MANUAL;

	public static CaptureMethod parse(String value) {
		if (value == null) {
			return AUTOMATIC;
		}
		return switch (value) {
			case "automatic" -> AUTOMATIC;
			case "manual" -> MANUAL;
			default -> throw ApiException.invalid("capture_method", "capture_method must be 'automatic' or 'manual'");
		};
	}

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
