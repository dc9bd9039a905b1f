package io.emberpay.payment.psp;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.emberpay.payment.vault.BankAccountSecret;
import io.emberpay.payment.vault.CardSecret;
import io.emberpay.payment.vault.DebitSecret;
import io.emberpay.payment.vault.WalletSecret;

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

	/**
	 * What came of a 3-D Secure challenge once the customer is back, with what the
	 * acquirer appended to the return URL ({@code redirectResult}, or none). By default
	 * the acquirer is asked by the authorization's idempotency key.
	 */
	default CompletableFuture<Optional<PspAuthorization>> authenticationResult(PspAccount account,
			String idempotencyKey, String redirectResult) {
		return findAuthorization(account, idempotencyKey);
	}

	/**
	 * Whether this connector can pay merchants out; payouts routed to one that cannot are
	 * refused before any funds are held.
	 */
	default boolean paysOut() {
		return false;
	}

	/**
	 * Sends money to a merchant's bank account out of what the acquirer owes the
	 * platform. An acquirer without a payout API refuses.
	 */
	default CompletableFuture<PspPayout> payout(PspAccount account, Payout request, String idempotencyKey) {
		return CompletableFuture.failedFuture(new PspRejectedException(501, name() + " has no payout API here"));
	}

	/** The payout's state at the acquirer, by the acquirer's id. */
	default CompletableFuture<PspPayout> findPayout(PspAccount account, String payoutId) {
		return CompletableFuture.failedFuture(new PspRejectedException(501, name() + " has no payout API here"));
	}

	/** What a payout sends; the bank account stays in a redacting holder. */
	record Payout(long amount, String currency, BankAccountSecret bankAccount, String reference) {
	}

	/**
	 * What an authorization sends: exactly one of a card, a wallet's token or a bank
	 * account to debit, each in a redacting holder; {@code returnUrl} is where 3-D Secure
	 * sends the customer back.
	 */
	record Authorization(long amount, String currency, CardSecret card, String reference, boolean capture,
			WalletSecret wallet, DebitSecret debit, String returnUrl) {

		/** A card authorization. */
		public Authorization(long amount, String currency, CardSecret card, String reference, boolean capture) {
			this(amount, currency, card, reference, capture, null, null, null);
		}

	}

}
