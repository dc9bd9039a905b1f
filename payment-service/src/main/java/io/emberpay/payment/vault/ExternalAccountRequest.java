package io.emberpay.payment.vault;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code {"type": "bank_account", "bank_account": {"country", "currency", "iban"}}}, or
 * for the US {@code "routing_number"} and {@code "account_number"} instead of the IBAN.
 */
record ExternalAccountRequest(
		@NotNull @Pattern(regexp = "bank_account", message = "must be 'bank_account'") String type,
		@NotNull @Valid BankAccount bankAccount) {

	record BankAccount(
			@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code") String country,
			@NotNull String currency, String iban, String routingNumber, String accountNumber) {

		@Override
		public String toString() {
			return "BankAccount[" + this.country + ", redacted]";
		}

	}

}
