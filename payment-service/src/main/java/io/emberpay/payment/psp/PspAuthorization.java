package io.emberpay.payment.psp;

/** An acquirer's answer about an authorization. */
public record PspAuthorization(String id, Status status, String declineCode, long amount, String currency) {

	public enum Status {

		AUTHORIZED, CAPTURED, DECLINED, VOIDED, REFUNDED, OTHER

	}

}
