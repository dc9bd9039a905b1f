package io.emberpay.payment.payment.authorization;

import java.util.Optional;

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

	/**
	 * What {@link #applyLater} answers when the acquirer authorized a payment already
	 * canceled: its hold must be voided.
	 */
	public static final String HOLD_AFTER_CANCEL = "hold_after_cancel";

	private AcquirerOutcomes() {
	}

	public static Payment apply(PaymentRepository payments, String paymentId, AuthorizationOutcome outcome) {
		Payment payment = payments.lock(paymentId).orElseThrow();
		if (payment.status() != PaymentStatus.PROCESSING) {
			return payment;
		}
		switch (outcome) {
			case AuthorizationOutcome.Approved approved -> {
				PspAuthorization authorization = approved.authorization();
				PspAuthorization.Status status = authorization.status();
				if (status == PspAuthorization.Status.AUTHORIZED || status == PspAuthorization.Status.CAPTURED) {
					payment.authorized(approved.psp(), authorization.id(), status == PspAuthorization.Status.CAPTURED);
				}
				else if (status == PspAuthorization.Status.REQUIRES_ACTION && authorization.redirectUrl() != null) {
					payment.authenticationRequired(approved.psp(), authorization.id(), authorization.redirectUrl());
				}
				else if (status == PspAuthorization.Status.PROCESSING && payment.facts().card().isBankDebit()) {
					payment.debitSubmitted(approved.psp(), authorization.id());
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

	/**
	 * Lands what an acquirer later says about an authorization it already answered (its
	 * webhook, or the customer's return from 3-D Secure): the challenge's result, a bank
	 * debit settled or failed, a settled debit returned by the bank. Anything the payment
	 * is no longer waiting for changes nothing; answers what the payment became, or empty
	 * when nothing applied.
	 */
	public static Optional<String> applyLater(PaymentRepository payments, String paymentId, String psp,
			PspAuthorization authorization) {
		Payment payment = payments.lock(paymentId).orElseThrow();
		PspAuthorization.Status status = authorization.status();
		if (payment.awaitsAuthentication()) {
			if (status == PspAuthorization.Status.REQUIRES_ACTION) {
				return Optional.empty();
			}
			payment.authenticationCompleted();
			payments.update(payment);
			Payment settled = apply(payments, paymentId,
					(status == PspAuthorization.Status.DECLINED) ? new AuthorizationOutcome.Declined(psp, authorization)
							: new AuthorizationOutcome.Approved(psp, authorization));
			return Optional.of(settled.status().apiName());
		}
		if (payment.awaitsDebitSettlement()) {
			if (status == PspAuthorization.Status.CAPTURED) {
				payment.authorized(psp, authorization.id(), true);
			}
			else if (status == PspAuthorization.Status.DECLINED || status == PspAuthorization.Status.RETURNED) {
				payment.declined(psp, authorization.id(), declineCode(authorization));
			}
			else {
				return Optional.empty();
			}
			payments.update(payment);
			return Optional.of(payment.status().apiName());
		}
		if (payment.status() == PaymentStatus.CANCELED && status == PspAuthorization.Status.AUTHORIZED
				&& authorization.id().equals(payment.pspReference())) {
			// canceled while the customer was still at 3-D Secure, who then passed it:
			// the
			// acquirer now holds funds nobody will capture; the caller releases them
			return Optional.of(HOLD_AFTER_CANCEL);
		}
		if (status == PspAuthorization.Status.RETURNED && payment.facts().card().isBankDebit()
				&& payment.status() == PaymentStatus.SUCCEEDED) {
			payment.debitReturned(declineCode(authorization));
			payments.update(payment);
			return Optional.of(payment.status().apiName());
		}
		return Optional.empty();
	}

	private static String declineCode(PspAuthorization authorization) {
		String code = authorization.declineCode();
		return (code == null || !code.matches("[a-z_]{1,64}")) ? "card_declined" : code;
	}

}
