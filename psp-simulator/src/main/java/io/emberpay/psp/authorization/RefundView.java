package io.emberpay.psp.authorization;

import java.time.Instant;

/** A refund as the acquirer reports it. */
public record RefundView(String id, String authorization, String status, long amount, String currency, String reference,
		Instant createdAt) {

	static RefundView of(Refund refund) {
		return new RefundView(refund.id(), refund.authorization(), refund.status(), refund.amount(), refund.currency(),
				refund.reference(), refund.createdAt());
	}

}
