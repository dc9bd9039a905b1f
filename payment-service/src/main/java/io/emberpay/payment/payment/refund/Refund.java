package io.emberpay.payment.payment.refund;

import java.time.Instant;

import io.emberpay.events.payment.RefundSnapshot;

/**
 * A refund of (part of) a captured payment. It is {@code pending} from the moment its
 * amount is reserved against the payment until the acquirer answers.
 */
record Refund(String id, String paymentId, String merchantId, long amount, String currency, String status, String psp,
		String pspReference, String reason, String requestId, Instant created) {

	Refund succeeded(String reference) {
		return new Refund(this.id, this.paymentId, this.merchantId, this.amount, this.currency, "succeeded", this.psp,
				reference, this.reason, this.requestId, this.created);
	}

	Refund failed() {
		return new Refund(this.id, this.paymentId, this.merchantId, this.amount, this.currency, "failed", this.psp,
				this.pspReference, this.reason, this.requestId, this.created);
	}

	RefundSnapshot snapshot() {
		return new RefundSnapshot(this.id, "refund", this.paymentId, this.amount, this.currency, this.status,
				this.merchantId, this.psp, this.pspReference, this.reason, this.requestId, this.created);
	}

}
