package io.emberpay.payment.payout;

import java.util.Locale;
import java.util.Set;

/**
 * A payout's states and the only moves between them: {@code pending} (funds held, not yet
 * taken by the acquirer) → {@code in_transit} → {@code paid} | {@code failed}; a pending
 * payout the acquirer refuses fails at once. Paid and failed are final.
 */
public enum PayoutStatus {

	PENDING, IN_TRANSIT, PAID, FAILED;

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static PayoutStatus ofApiName(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	public boolean canMoveTo(PayoutStatus next) {
		return switch (this) {
			case PENDING -> Set.of(IN_TRANSIT, FAILED).contains(next);
			case IN_TRANSIT -> Set.of(PAID, FAILED).contains(next);
			case PAID, FAILED -> false;
		};
	}

	public boolean isFinal() {
		return this == PAID || this == FAILED;
	}

}
