package io.emberpay.payment.psp;

/**
 * The acquirer may hold an authorization but has not told yet (Adyen cannot be asked by
 * key; its notification is awaited). Not a failure of the acquirer: neither the breaker
 * nor the retry counts it, and the janitor asks again later.
 */
public class PspAnswerPendingException extends RuntimeException {

	public PspAnswerPendingException(String message) {
		super(message, null, false, false);
	}

}
