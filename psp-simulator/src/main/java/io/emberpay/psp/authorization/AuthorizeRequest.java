package io.emberpay.psp.authorization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * {@code POST /{psp}/v1/authorizations}. {@code capture: true} authorizes and captures in
 * one step.
 */
public record AuthorizeRequest(@NotNull @Positive @Max(AuthorizeRequest.MAX_AMOUNT_MINOR) Long amount,
		@NotNull @Pattern(regexp = "[A-Z]{3}") String currency, @NotNull @Valid CardDetails card,
		@NotNull @Pattern(regexp = AuthorizeRequest.REFERENCE) String reference, Boolean capture) {

	/** Eight digits of minor units, the acquirers' largest single charge. */
	static final long MAX_AMOUNT_MINOR = 99_999_999L;

	/**
	 * Our {@code pay_}/{@code re_} ids and similar: the pattern keeps references safe to
	 * print in CSV and logs.
	 */
	static final String REFERENCE = "[A-Za-z0-9_.:-]{1,255}";

	boolean captureNow() {
		return Boolean.TRUE.equals(this.capture);
	}

}
