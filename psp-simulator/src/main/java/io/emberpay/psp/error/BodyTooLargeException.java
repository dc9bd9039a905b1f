package io.emberpay.psp.error;

import java.io.IOException;

/** A request body grew past the limit while being read. */
public class BodyTooLargeException extends IOException {

	private final long maxBytes;

	public BodyTooLargeException(long maxBytes) {
		super("request body larger than " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	public long maxBytes() {
		return this.maxBytes;
	}

}
