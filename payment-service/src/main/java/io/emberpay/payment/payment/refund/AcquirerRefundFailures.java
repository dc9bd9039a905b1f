package io.emberpay.payment.payment.refund;

import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * An acquirer reporting, after the fact, that a refund failed. A refund still pending
 * here fails and its reserved amount is released; one already reported as succeeded is
 * left for an operator (reversing it is part of payouts and disputes), loudly.
 */
@Component
public class AcquirerRefundFailures {

	private static final Logger log = LoggerFactory.getLogger(AcquirerRefundFailures.class);

	private final RefundRepository refunds;

	private final PaymentRefunds paymentRefunds;

	AcquirerRefundFailures(RefundRepository refunds, PaymentRefunds paymentRefunds) {
		this.refunds = refunds;
		this.paymentRefunds = paymentRefunds;
	}

	/** Lands the failure in the caller's transaction; answers what it did. */
	public String failed(String refundId, String psp) {
		return failed(refundId, psp, merchant -> true);
	}

	/**
	 * As {@link #failed(String, String)}, believed only when the acquirer account that
	 * reported it may speak for the refund's merchant.
	 */
	public String failed(String refundId, String psp, Predicate<String> speaksForMerchant) {
		Refund refund = this.refunds.lock(refundId).orElse(null);
		if (refund == null || !psp.equals(refund.psp())) {
			return "unknown_refund";
		}
		if (!speaksForMerchant.test(refund.merchantId())) {
			log.warn("Acquirer {} reports refund {} failed from another account; ignored", psp, refundId);
			return "not_this_account";
		}
		if ("pending".equals(refund.status())) {
			this.paymentRefunds.settleLocked(refund.failed(), false);
			return "refund_failed";
		}
		if ("succeeded".equals(refund.status())) {
			log.error("Acquirer {} reports refund {} failed after it succeeded; needs an operator", psp, refundId);
			return "refund_failed_after_success";
		}
		return "no_change";
	}

}
