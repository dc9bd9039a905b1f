package io.emberpay.payment.psp;

/**
 * An acquirer's answer about an authorization. {@code REQUIRES_ACTION}: the cardholder
 * must pass 3-D Secure at {@code redirectUrl} first; {@code PROCESSING}: a bank debit the
 * acquirer took and settles later.
 */
public record PspAuthorization(String id, Status status, String declineCode, long amount, String currency,
		String redirectUrl) {

	public PspAuthorization(String id, Status status, String declineCode, long amount, String currency) {
		this(id, status, declineCode, amount, currency, null);
	}

	public enum Status {

		AUTHORIZED, CAPTURED, DECLINED, VOIDED, REFUNDED, REQUIRES_ACTION, PROCESSING, RETURNED, OTHER

	}

}
