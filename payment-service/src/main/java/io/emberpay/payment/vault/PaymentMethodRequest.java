package io.emberpay.payment.vault;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"type": "card", "card": {"number", "exp_month", "exp_year", "cvc"}}}. */
record PaymentMethodRequest(@NotNull @Pattern(regexp = "card", message = "must be 'card'") String type,
		@NotNull @Valid Card card) {

	record Card(@NotNull String number, @NotNull Integer expMonth, @NotNull Integer expYear, @NotNull String cvc) {

		@Override
		public String toString() {
			return "Card[redacted]";
		}

	}

}
