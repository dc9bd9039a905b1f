package io.emberpay.payment.payment.refund;

import java.time.Instant;

/** A refund as the API shows it. */
record RefundView(String id, String object, String payment, long amount, String currency, String status, String reason,
		Instant created) {

	static RefundView of(Refund refund) {
		return new RefundView(refund.id(), "refund", refund.paymentId(), refund.amount(), refund.currency(),
				refund.status(), refund.reason(), refund.created());
	}

}
