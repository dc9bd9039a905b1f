package io.emberpay.psp.authorization;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A wallet's payment token as the merchant's platform forwards it: {@code type}
 * {@code apple_pay} or {@code google_pay}, {@code token} the token's JSON as a string.
 * {@link #toString()} is masked so the token cannot reach a log.
 */
public record WalletDetails(@NotNull @Pattern(regexp = "apple_pay|google_pay") String type,
		@NotNull @Size(min = 2, max = 12000) String token) {

	@Override
	public String toString() {
		return "WalletDetails[" + this.type + ", token=***]";
	}

}
