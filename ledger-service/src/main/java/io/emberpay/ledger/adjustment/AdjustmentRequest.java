package io.emberpay.ledger.adjustment;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An operator's manual transaction: balanced entries in existing accounts. */
public record AdjustmentRequest(@NotNull @Size(max = 100) List<@Valid @NotNull EntryRequest> entries,
		@Size(max = 500) String description) {

	/**
	 * One entry; amount in minor units of {@code currency}, which must be the account's.
	 */
	public record EntryRequest(@NotNull @Size(max = 64) String account, @NotNull String direction, Long amount,
			String currency) {
	}

}
