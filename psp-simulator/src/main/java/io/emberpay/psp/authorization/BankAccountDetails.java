package io.emberpay.psp.authorization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A bank account to debit: {@code sepa_debit} with {@code iban} and
 * {@code account_holder_name}, or {@code us_bank_account} with {@code routing_number},
 * {@code account_number} and {@code account_holder_type}; always the holder's
 * {@code mandate}. {@link #toString()} is masked so the number cannot reach a log.
 */
public record BankAccountDetails(@NotNull @Pattern(regexp = "sepa_debit|us_bank_account") String type,
		@NotNull @Pattern(regexp = "[A-Z]{2}") String country,
		@Pattern(regexp = "[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}") String iban, @Size(max = 128) String accountHolderName,
		@Pattern(regexp = "[0-9]{9}") String routingNumber, @Pattern(regexp = "[0-9]{4,17}") String accountNumber,
		@Pattern(regexp = "individual|company") String accountHolderType, @NotNull @Valid Mandate mandate) {

	/** The last four characters of the account, all that is ever shown. */
	String last4() {
		String number = (this.iban != null) ? this.iban : this.accountNumber;
		return number.substring(number.length() - 4);
	}

	@Override
	public String toString() {
		return "BankAccountDetails[" + this.type + ", " + this.country + ", number=***]";
	}

	public record Mandate(@NotNull @Size(min = 1, max = 64) String reference, @NotNull String acceptedAt) {
	}

}
