package io.emberpay.psp.error;

/** A request the simulated acquirer refuses, answered with {@link ErrorBody}. */
public class PspException extends RuntimeException {

	private final PspError error;

	public PspException(PspError error, String message) {
		super(message, null, false, false);
		this.error = error;
	}

	public PspError error() {
		return this.error;
	}

	public ErrorBody body() {
		return this.error.body(getMessage());
	}

}
