package io.emberpay.subscription.catalogue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the catalogue API, validated at the edge. */
final class CatalogueRequests {

	private CatalogueRequests() {
	}

	record CreateProduct(@NotNull @Size(min = 1, max = 200) String name, @Size(max = 1000) String description) {
	}

	record CreatePrice(@NotNull String product, @NotNull Long unitAmount, @NotNull String currency,
			@NotNull @Valid Recurring recurring, Integer trialPeriodDays, @NotNull String tier) {
	}

	record Recurring(@NotNull String interval, Integer intervalCount) {
	}

}
