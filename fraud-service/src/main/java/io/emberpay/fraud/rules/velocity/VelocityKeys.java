package io.emberpay.fraud.rules.velocity;

import io.emberpay.fraud.features.Dimension;
import io.emberpay.fraud.risk.PaymentAttempt;

/**
 * The attempt's key in each velocity dimension; null when the request did not carry it.
 */
final class VelocityKeys {

	private VelocityKeys() {
	}

	static String key(PaymentAttempt attempt, Dimension dimension) {
		return switch (dimension) {
			case USER -> attempt.user();
			case CARD -> attempt.cardFingerprint();
			case DEVICE -> attempt.deviceId();
			case IP -> attempt.ip();
		};
	}

}
