package io.emberpay.payment.psp;

/** The acquirer certainly did not act on the request: safe to send it elsewhere. */
public class PspUnreachableException extends RuntimeException {

	public PspUnreachableException(String message, Throwable cause) {
		super(message, cause, false, false);
	}

}
