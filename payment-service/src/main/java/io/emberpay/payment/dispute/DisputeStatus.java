package io.emberpay.payment.dispute;

import java.util.Locale;
import java.util.Set;

/**
 * A dispute's states: {@code needs_response} (the merchant may submit evidence until the
 * deadline) → {@code under_review} (evidence submitted) → {@code won} | {@code lost}. The
 * acquirer may decide a dispute that got no evidence, and an accepted one is lost. Won
 * and lost are final.
 */
public enum DisputeStatus {

	NEEDS_RESPONSE, UNDER_REVIEW, WON, LOST;

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static DisputeStatus ofApiName(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	public boolean canMoveTo(DisputeStatus next) {
		return switch (this) {
			case NEEDS_RESPONSE -> Set.of(UNDER_REVIEW, WON, LOST).contains(next);
			case UNDER_REVIEW -> Set.of(WON, LOST).contains(next);
			case WON, LOST -> false;
		};
	}

	public boolean isFinal() {
		return this == WON || this == LOST;
	}

}
