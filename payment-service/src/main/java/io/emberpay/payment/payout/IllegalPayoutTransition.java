package io.emberpay.payment.payout;

/** A move the payout state machine does not have: a defect or a stale acquirer report. */
public final class IllegalPayoutTransition extends RuntimeException {

	private final PayoutStatus from;

	private final PayoutStatus to;

	IllegalPayoutTransition(String payoutId, PayoutStatus from, PayoutStatus to) {
		super("Payout " + payoutId + " cannot move from " + from.apiName() + " to " + to.apiName(), null, false, false);
		this.from = from;
		this.to = to;
	}

	public PayoutStatus from() {
		return this.from;
	}

	public PayoutStatus to() {
		return this.to;
	}

}
