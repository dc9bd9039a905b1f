package io.emberpay.psp.authorization;

import java.time.Instant;
import java.util.List;

/**
 * An authorization as the acquirer reports it; {@code next_action} while a 3-D Secure
 * challenge waits, {@code return_code} when the bank returned or failed a debit.
 */
public record AuthorizationView(String id, String psp, String status, String declineCode, long amount, String currency,
		long amountCaptured, long amountRefunded, String reference, String paymentMethodType, CardSummary card,
		NextAction nextAction, String returnCode, Instant createdAt, Instant capturedAt, Instant voidedAt,
		List<RefundView> refunds) {

	public record NextAction(String type, String redirectUrl) {
	}

}
