package io.emberpay.ledger.adjustment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Opens an account with explicit terms (operators; tests and adjustments use it), in test
 * mode unless {@code livemode} is true.
 */
public record AccountRequest(@NotNull @Pattern(regexp = "[a-z][a-z_]{0,63}(:[A-Za-z0-9_-]{1,64})?") String code,
		String currency, @NotNull @Pattern(regexp = "debit|credit") String normalSide, boolean noOverdraft,
		@Size(max = 64) String owner, Boolean livemode) {
}
