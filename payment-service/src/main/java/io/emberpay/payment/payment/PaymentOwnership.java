package io.emberpay.payment.payment;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;

/**
 * Who may see and act on a payment: its user, its merchant, operators for reads. Anyone
 * else gets the same 404 as for a payment that does not exist.
 */
public final class PaymentOwnership {

	private PaymentOwnership() {
	}

	public static Payment visibleTo(Caller caller, Payment payment) {
		boolean visible = caller.isOperator() || (caller.isUser() && caller.id().equals(payment.facts().userId()))
				|| (caller.isMerchant() && caller.id().equals(payment.facts().merchantId()));
		if (!visible) {
			throw ApiException.notFound("payment", payment.id());
		}
		return payment;
	}

	public static Payment ofMerchant(Caller caller, Payment payment) {
		if (!caller.isMerchant() || !caller.id().equals(payment.facts().merchantId())) {
			throw ApiException.notFound("payment", payment.id());
		}
		return payment;
	}

	public static Payment ofUser(Caller caller, Payment payment) {
		if (!caller.isUser() || !caller.id().equals(payment.facts().userId())) {
			throw ApiException.notFound("payment", payment.id());
		}
		return payment;
	}

}
