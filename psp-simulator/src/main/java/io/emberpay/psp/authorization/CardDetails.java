package io.emberpay.psp.authorization;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The card of an authorization request. The CVC is optional because a stored card is
 * charged without one. {@link #toString()} is masked so the number or CVC cannot reach a
 * log by accident.
 */
public record CardDetails(@NotNull @Pattern(regexp = "[0-9]{12,19}") String number,
		@NotNull @Min(1) @Max(12) Integer expMonth, @NotNull @Min(2000) @Max(2100) Integer expYear,
		@Pattern(regexp = "[0-9]{3,4}") String cvc) {

	@Override
	public String toString() {
		return "CardDetails[number=****, cvc=***]";
	}

}
