package io.emberpay.payment.psp;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.emberpay.payment.vault.CardSecret;

/**
 * One acquirer. Every mutating call carries the platform's idempotency key for that
 * operation, so a repeated call gets the first call's answer and never moves money twice.
 * Calls complete exceptionally with {@link PspUnreachableException} when the acquirer
 * certainly did not act, {@link PspOutcomeUnknownException} when it may have, and
 * {@link PspRejectedException} when it refused the request as invalid.
 */
public interface PspConnector {

	String name();

	CompletableFuture<PspAuthorization> authorize(PspAccount account, Authorization request, String idempotencyKey);

	CompletableFuture<PspAuthorization> capture(PspAccount account, String authorizationId, long amount,
			String idempotencyKey);

	CompletableFuture<PspAuthorization> voidAuthorization(PspAccount account, String authorizationId,
			String idempotencyKey);

	CompletableFuture<PspRefund> refund(PspAccount account, String authorizationId, long amount, String reference,
			String idempotencyKey);

	/**
	 * The authorization made with that key, if the acquirer ever received it. An acquirer
	 * that holds no account for {@code account} answers empty: nothing can have been sent
	 * there.
	 */
	CompletableFuture<Optional<PspAuthorization>> findAuthorization(PspAccount account, String idempotencyKey);

	/** What an authorization sends; the card stays in a redacting holder. */
	record Authorization(long amount, String currency, CardSecret card, String reference, boolean capture) {
	}

}
