package io.emberpay.psp.authorization;

import java.time.Instant;

/** Money given back from a captured authorization; always succeeds once accepted. */
public record Refund(String id, String authorization, long amount, String currency, String reference,
		Instant createdAt) {

	public String status() {
		return "succeeded";
	}

}
