package io.emberpay.payment.psp;

/**
 * The acquirer refused the request itself (4xx): retrying the same request cannot help.
 */
public class PspRejectedException extends RuntimeException {

	private final int status;

	public PspRejectedException(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

}
