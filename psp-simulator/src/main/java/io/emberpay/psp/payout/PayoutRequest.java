package io.emberpay.psp.payout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * {@code POST /{psp}/v1/payouts}: pay {@code amount} of {@code currency} to the bank
 * account in {@code destination} ({@code type} {@code iban} with {@code iban}, or
 * {@code us_ach} with {@code routing_number} and {@code account_number}).
 */
public record PayoutRequest(@NotNull @Positive @Max(100_000_000_000L) Long amount,
		@NotNull @Pattern(regexp = "[A-Z]{3}") String currency, @NotNull @Valid Destination destination,
		@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String reference) {

	public record Destination(@NotNull @Pattern(regexp = "iban|us_ach") String type,
			@NotNull @Pattern(regexp = "[A-Z]{2}") String country, @Pattern(regexp = "[A-Z0-9]{5,34}") String iban,
			@Pattern(regexp = "[0-9]{9}") String routingNumber, @Pattern(regexp = "[0-9]{4,17}") String accountNumber) {

		/** The account number or IBAN; whichever the type uses. */
		String number() {
			return "iban".equals(this.type) ? this.iban : this.accountNumber;
		}

		@Override
		public String toString() {
			return "Destination[" + this.type + ", " + this.country + ", redacted]";
		}

	}

}
