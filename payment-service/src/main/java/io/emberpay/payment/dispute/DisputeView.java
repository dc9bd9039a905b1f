package io.emberpay.payment.dispute;

import java.time.Instant;

import io.emberpay.events.dispute.DisputeSnapshot;

/** A dispute as the API shows it; the evidence never comes back. */
record DisputeView(String id, String object, String payment, long amount, long fee, String currency, String reason,
		String status, Instant evidenceDueBy, Instant created, boolean livemode) {

	static DisputeView of(Dispute dispute) {
		DisputeSnapshot d = dispute.snapshot();
		return new DisputeView(d.id(), "dispute", d.payment(), d.amount(), d.fee(), d.currency(), d.reason(),
				d.status(), d.evidenceDueBy(), d.created(), Boolean.TRUE.equals(d.livemode()));
	}

}
