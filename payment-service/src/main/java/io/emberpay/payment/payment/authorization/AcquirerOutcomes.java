package io.emberpay.payment.payment.authorization;

import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.payment.PaymentStatus;
import io.emberpay.payment.psp.AuthorizationOutcome;
import io.emberpay.payment.psp.PspAuthorization;

/**
 * Lands an acquirer's answer on its payment, under the payment's row lock. Whoever comes
 * second (the request thread, the janitor or an acquirer's webhook) finds the payment no
 * longer processing and changes nothing, so an outcome is applied exactly once.
 */
public final class AcquirerOutcomes {

	private AcquirerOutcomes() {
	}

	public static Payment apply(PaymentRepository payments, String paymentId, AuthorizationOutcome outcome) {
		Payment payment = payments.lock(paymentId).orElseThrow();
		if (payment.status() != PaymentStatus.PROCESSING) {
			return payment;
		}
		switch (outcome) {
			case AuthorizationOutcome.Approved approved -> {
				PspAuthorization.Status status = approved.authorization().status();
				if (status == PspAuthorization.Status.AUTHORIZED || status == PspAuthorization.Status.CAPTURED) {
					payment.authorized(approved.psp(), approved.authorization().id(),
							status == PspAuthorization.Status.CAPTURED);
				}
				else {
					payment.fail("processing_error");
				}
			}
			case AuthorizationOutcome.Declined declined ->
				payment.declined(declined.psp(), declined.authorization().id(), declineCode(declined.authorization()));
			case AuthorizationOutcome.Unavailable unavailable -> payment.fail("psp_unavailable");
			case AuthorizationOutcome.Rejected rejected -> payment.fail("processing_error");
			case AuthorizationOutcome.Unknown unknown -> {
				return payment;
			}
		}
		payments.update(payment);
		return payment;
	}

	private static String declineCode(PspAuthorization authorization) {
		String code = authorization.declineCode();
		return (code == null || !code.matches("[a-z_]{1,64}")) ? "card_declined" : code;
	}

}
