package io.emberpay.payment.payment.authorization;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/payments}; {@code ip} comes from the gateway's header. A
 * merchant charging a saved method sends {@code customer} and {@code off_session: true}
 * instead of {@code merchant}. {@code return_url} is where 3-D Secure sends the customer
 * back (the app's own link), when the acquirer asks for it.
 */
record CreatePaymentRequest(@NotNull Long amount, @NotNull String currency, String merchant,
		@NotNull String paymentMethod, String captureMethod, @Size(max = 1000) String description,
		@Size(max = 50) Map<String, String> metadata, @Size(max = 128) String deviceId, @Size(max = 64) String customer,
		Boolean offSession, @Size(max = 2048) String returnUrl) {
}
