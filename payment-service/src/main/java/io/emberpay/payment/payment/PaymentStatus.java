package io.emberpay.payment.payment;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The states of api.md and the only moves between them. */
public enum PaymentStatus {

	REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED, CANCELED, FAILED;

	private Set<PaymentStatus> next;

	static {
		REQUIRES_ACTION.next = EnumSet.of(PROCESSING, CANCELED, FAILED);
		// the acquirer may ask for 3-D Secure after the payment reached it
		PROCESSING.next = EnumSet.of(REQUIRES_ACTION, REQUIRES_CAPTURE, SUCCEEDED, CANCELED, FAILED);
		REQUIRES_CAPTURE.next = EnumSet.of(SUCCEEDED, CANCELED, FAILED);
		// failed: only a bank debit the bank returned after it settled
		// (Payment#debitReturned)
		SUCCEEDED.next = EnumSet.of(PARTIALLY_REFUNDED, REFUNDED, FAILED);
		PARTIALLY_REFUNDED.next = EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
		REFUNDED.next = EnumSet.noneOf(PaymentStatus.class);
		CANCELED.next = EnumSet.noneOf(PaymentStatus.class);
		FAILED.next = EnumSet.noneOf(PaymentStatus.class);
	}

	public boolean canMoveTo(PaymentStatus target) {
		return this.next.contains(target);
	}

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static PaymentStatus fromApiName(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

}
