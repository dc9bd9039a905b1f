package io.emberpay.payment;

import io.emberpay.starter.problem.ErrorCode;

import org.springframework.http.HttpStatus;

/** The payment service's catalogue of stable error codes, beside {@code CommonError}. */
public enum PaymentError implements ErrorCode {

	INVALID_CARD_NUMBER(HttpStatus.BAD_REQUEST, "Invalid card number"),
	INVALID_EXPIRY(HttpStatus.BAD_REQUEST, "Invalid expiry date"), INVALID_CVC(HttpStatus.BAD_REQUEST, "Invalid CVC"),
	AMOUNT_OUT_OF_RANGE(HttpStatus.BAD_REQUEST, "Amount outside the merchant's limits"),
	MERCHANT_UNKNOWN(HttpStatus.BAD_REQUEST, "Unknown merchant"),
	MERCHANT_INACTIVE(HttpStatus.BAD_REQUEST, "Merchant cannot accept payments"),
	PAYMENT_METHOD_UNAVAILABLE(HttpStatus.BAD_REQUEST, "Payment method unavailable"),
	MFA_CODE_INVALID(HttpStatus.BAD_REQUEST, "MFA code not accepted"),
	AMOUNT_TOO_LARGE(HttpStatus.BAD_REQUEST, "Amount above what is allowed"),
	PAYMENT_STATE_CONFLICT(HttpStatus.CONFLICT, "Payment state does not allow this"),
	REFUND_STATE_CONFLICT(HttpStatus.CONFLICT, "Refund not possible in this state"),
	INSUFFICIENT_AVAILABLE_BALANCE(HttpStatus.CONFLICT, "Payout exceeds the available balance"),
	DISPUTE_STATE_CONFLICT(HttpStatus.CONFLICT, "Dispute state does not allow this"),
	CARD_DECLINED(HttpStatus.PAYMENT_REQUIRED, "Card declined"),
	FRAUD_DECLINED(HttpStatus.PAYMENT_REQUIRED, "Declined by fraud screening"),
	AUTHENTICATION_REQUIRED(HttpStatus.PAYMENT_REQUIRED, "Authentication required"),
	OFF_SESSION_CONSENT_MISSING(HttpStatus.FORBIDDEN, "No off-session consent"),
	WEBHOOK_SIGNATURE_INVALID(HttpStatus.UNAUTHORIZED, "Webhook signature invalid"),
	WEBHOOK_MALFORMED(HttpStatus.BAD_REQUEST, "Malformed webhook"),
	PSP_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Payment processors unavailable"),
	AUTH_SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Identity service unavailable"),
	FRAUD_SCREENING_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Fraud screening busy");

	private final HttpStatus status;

	private final String title;

	PaymentError(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

}
