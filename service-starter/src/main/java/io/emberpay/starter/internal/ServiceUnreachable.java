package io.emberpay.starter.internal;

/** The called service did not answer, or not in a way we can read. */
public class ServiceUnreachable extends RuntimeException {

	private final String service;

	ServiceUnreachable(String service, String message, Throwable cause) {
		super(service + ": " + message, cause, false, false);
		this.service = service;
	}

	public String service() {
		return this.service;
	}

}
