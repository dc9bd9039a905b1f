package io.emberpay.psp.authorization;

import java.time.Instant;
import java.util.List;

/** An authorization as the acquirer reports it. */
public record AuthorizationView(String id, String psp, String status, String declineCode, long amount, String currency,
		long amountCaptured, long amountRefunded, String reference, CardSummary card, Instant createdAt,
		Instant capturedAt, Instant voidedAt, List<RefundView> refunds) {
}
