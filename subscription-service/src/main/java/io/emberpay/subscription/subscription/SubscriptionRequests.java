package io.emberpay.subscription.subscription;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the subscription API, validated at the edge. */
final class SubscriptionRequests {

	private SubscriptionRequests() {
	}

	/**
	 * {@code customer} only when a merchant subscribes one of its users; a user
	 * subscribes itself. {@code testClock} (test mode): the merchant's test clock whose
	 * time the subscription lives by.
	 */
	record Create(@NotNull @Size(max = 64) String price, @NotNull @Size(max = 64) String paymentMethod,
			@Size(max = 64) String customer, @Size(max = 64) String testClock) {
	}

	record Change(@NotNull @Size(max = 64) String price) {
	}

	record Cancel(Boolean atPeriodEnd) {
	}

}
