package io.emberpay.psp.authorization;

import jakarta.validation.constraints.Positive;

/** {@code POST .../capture}: no amount captures the whole authorized amount. */
public record CaptureRequest(@Positive Long amount) {

	static final CaptureRequest FULL = new CaptureRequest(null);

}
