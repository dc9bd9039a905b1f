package io.emberpay.payment.offsession;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/setup_intents}. */
record SetupIntentRequest(@NotNull @Size(max = 64) String merchant, @NotNull @Size(max = 64) String paymentMethod,
		@NotNull @Size(max = 16) String usage) {
}
