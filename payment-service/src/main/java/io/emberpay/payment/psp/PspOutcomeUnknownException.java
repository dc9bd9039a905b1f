package io.emberpay.payment.psp;

/**
 * The acquirer may or may not have acted (a reset connection, a 5xx after the request
 * arrived, a timeout): only asking it again with the same idempotency key tells.
 */
public class PspOutcomeUnknownException extends RuntimeException {

	public PspOutcomeUnknownException(String message, Throwable cause) {
		super(message, cause, false, false);
	}

}
