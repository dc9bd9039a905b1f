package io.emberpay.payment.payment.authorization;

import java.util.Map;

/**
 * A merchant's charge of a user's saved payment method without the user present, from the
 * public API ({@code off_session: true}) or another service's internal call.
 */
public record OffSessionCharge(String merchant, String customer, String paymentMethod, Long amount, String currency,
		String description, Map<String, String> metadata, boolean livemode) {
}
