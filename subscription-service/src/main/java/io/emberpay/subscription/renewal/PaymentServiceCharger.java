package io.emberpay.subscription.renewal;

import io.emberpay.starter.internal.InternalServices;
import io.emberpay.starter.internal.ServiceRefused;
import io.emberpay.starter.internal.ServiceUnreachable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Off-session charges through payment-service's internal API
 * ({@code POST /internal/v1/off_session_payments}), which checks the user's consent,
 * screens the payment for fraud and charges the acquirer, idempotently by key.
 */
@Component
class PaymentServiceCharger implements OffSessionCharger {

	private static final Logger log = LoggerFactory.getLogger(PaymentServiceCharger.class);

	private final OffSessionPayments payments;

	PaymentServiceCharger(InternalServices services, PaymentServiceProperties properties) {
		this.payments = services.client(OffSessionPayments.class, "payment-service", properties.url(),
				properties.timeout());
	}

	@Override
	public ChargeOutcome charge(Charge charge) {
		try {
			return outcome(this.payments.charge(new OffSessionPayments.ChargeRequest(charge.merchant(),
					charge.customer(), charge.paymentMethod(), charge.amount(), charge.currency(),
					charge.idempotencyKey(), charge.description(), charge.metadata(), charge.livemode())));
		}
		catch (ServiceRefused ex) {
			return refusal(ex.status(), ex.code(), ex.text("decline_code"), ex.text("payment"));
		}
		catch (ServiceUnreachable ex) {
			log.warn("Off-session charge {} not answered: {}", charge.idempotencyKey(), ex.getMessage());
			return ChargeOutcome.unknown(null);
		}
	}

	/** payment-service took the charge (200, 201 or 202): the payment's state decides. */
	static ChargeOutcome outcome(OffSessionPayments.ChargedPayment payment) {
		if (payment == null) {
			return ChargeOutcome.unknown(null);
		}
		return switch (String.valueOf(payment.status())) {
			case "succeeded", "requires_capture" ->
				new ChargeOutcome(ChargeOutcome.Result.SUCCEEDED, payment.id(), null);
			case "failed", "canceled" -> new ChargeOutcome(ChargeOutcome.Result.FAILED, payment.id(),
					orDefault(payment.failureCode(), "payment_failed"));
			// off-session, nobody can answer a challenge: the user has to come back
			case "requires_action" ->
				new ChargeOutcome(ChargeOutcome.Result.FAILED, payment.id(), "authentication_required");
			default -> ChargeOutcome.unknown(payment.id());
		};
	}

	/**
	 * payment-service refused the charge with {@code status} and its problem's fields.
	 */
	static ChargeOutcome refusal(int status, String code, String declineCode, String payment) {
		if (status == 402 || status == 403 || status == 400 || status == 404) {
			// refused before or at the acquirer: no consent, a detached card, a decline
			return new ChargeOutcome(ChargeOutcome.Result.FAILED, payment,
					orDefault(declineCode, orDefault(code, "payment_failed")));
		}
		if (status == 503 && payment != null) {
			// the payment exists and failed for good (no acquirer could take it): this
			// key
			// would only replay that, so the attempt counts as failed and dunning retries
			// under the next key
			return new ChargeOutcome(ChargeOutcome.Result.FAILED, payment, orDefault(code, "psp_unavailable"));
		}
		// 409 (the same key still in flight), 429, 5xx: the outcome is not known yet
		return ChargeOutcome.unknown(null);
	}

	private static String orDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
