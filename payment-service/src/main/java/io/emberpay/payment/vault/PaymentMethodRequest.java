package io.emberpay.payment.vault;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"type": "card", "card": {"number", "exp_month", "exp_year", "cvc"}}}. */
record PaymentMethodRequest(@NotNull @Pattern(regexp = "card", message = "must be 'card'") String type,
		@NotNull @Valid NewCard card) {

	/**
	 * The card as the app sends it once; its own name keeps it apart in the API document
	 * from the saved card's view, which never carries number or CVC.
	 */
	record NewCard(@NotNull String number, @NotNull Integer expMonth, @NotNull Integer expYear, @NotNull String cvc) {

		@Override
		public String toString() {
			return "NewCard[redacted]";
		}

	}

}
