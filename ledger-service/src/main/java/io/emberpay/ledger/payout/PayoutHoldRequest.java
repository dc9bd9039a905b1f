package io.emberpay.ledger.payout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Payment-service asks for a payout's hold: a fixed {@code amount}, or (amount absent)
 * everything available when it reaches {@code minimumAmount}, out of the balance of mode
 * {@code livemode} (test when absent).
 */
record PayoutHoldRequest(@NotNull @Pattern(regexp = "po_[A-Za-z0-9]{1,60}") String payout,
		@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String merchant,
		@Positive @Max(Long.MAX_VALUE / 4) Long amount, @PositiveOrZero Long minimumAmount, @NotNull String currency,
		Boolean livemode) {
}
