package io.emberpay.payment.payment;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;

/**
 * Who may see and act on a payment: its user, its merchant in the payment's mode (a test
 * key never sees a live payment, a live key never a test one), operators for reads.
 * Anyone else gets the same 404 as for a payment that does not exist.
 */
public final class PaymentOwnership {

	private PaymentOwnership() {
	}

	public static Payment visibleTo(Caller caller, Payment payment) {
		boolean visible = caller.isOperator() || (caller.isUser() && caller.id().equals(payment.facts().userId()))
				|| ownMerchantInItsMode(caller, payment);
		if (!visible) {
			throw ApiException.notFound("payment", payment.id());
		}
		return payment;
	}

	public static Payment ofMerchant(Caller caller, Payment payment) {
		if (!ownMerchantInItsMode(caller, payment)) {
			throw ApiException.notFound("payment", payment.id());
		}
		return payment;
	}

	private static boolean ownMerchantInItsMode(Caller caller, Payment payment) {
		return caller.isMerchant() && caller.id().equals(payment.facts().merchantId())
				&& caller.livemode() == payment.facts().livemode();
	}

	public static Payment ofUser(Caller caller, Payment payment) {
		if (!caller.isUser() || !caller.id().equals(payment.facts().userId())) {
			throw ApiException.notFound("payment", payment.id());
		}
		return payment;
	}

}
