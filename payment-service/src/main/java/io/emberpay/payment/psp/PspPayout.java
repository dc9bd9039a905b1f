package io.emberpay.payment.psp;

import java.util.Locale;

/**
 * A payout as the acquirer reports it: {@code in_transit} once taken, then {@code paid}
 * or {@code failed} with a {@code failureCode}.
 */
public record PspPayout(String id, Status status, String failureCode) {

	public enum Status {

		IN_TRANSIT, PAID, FAILED, OTHER;

		static Status of(String value) {
			try {
				return valueOf(value.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				return OTHER;
			}
		}

	}

}
