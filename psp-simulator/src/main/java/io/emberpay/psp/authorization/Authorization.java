package io.emberpay.psp.authorization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;

/**
 * One authorization at one acquirer and what happened to it since. Transitions are
 * explicit and guarded: a capture only from {@code authorized}, at most once and at most
 * the authorized amount; a void only from {@code authorized}; refunds only once captured
 * and never beyond what was captured. Every method is synchronized because concurrent
 * calls on one authorization must see one order of events.
 */
public final class Authorization {

	private final String id;

	private final Acquirer acquirer;

	private final String reference;

	private final long amount;

	private final String currency;

	private final CardSummary card;

	private String declineCode;

	private final Instant createdAt;

	private final String paymentMethodType;

	/** What a 3-D Secure challenge leads to: approval (then capture?) or a decline. */
	private Challenge challenge;

	private String redirectUrl;

	private String returnCode;

	private String returnUrl;

	/** Whether the cardholder disputes the payment once it is captured. */
	private boolean disputedOnCapture;

	private final List<Refund> refunds = new ArrayList<>();

	private AuthorizationStatus status;

	private long amountCaptured;

	private long amountRefunded;

	private Instant capturedAt;

	private Instant voidedAt;

	private Authorization(String id, Acquirer acquirer, String reference, long amount, String currency,
			CardSummary card, AuthorizationStatus status, String declineCode, Instant createdAt) {
		this(id, acquirer, reference, amount, currency, card, status, declineCode, createdAt, "card");
	}

	private Authorization(String id, Acquirer acquirer, String reference, long amount, String currency,
			CardSummary card, AuthorizationStatus status, String declineCode, Instant createdAt,
			String paymentMethodType) {
		this.paymentMethodType = paymentMethodType;
		this.id = id;
		this.acquirer = acquirer;
		this.reference = reference;
		this.amount = amount;
		this.currency = currency;
		this.card = card;
		this.status = status;
		this.declineCode = declineCode;
		this.createdAt = createdAt;
	}

	static Authorization approved(String id, Acquirer acquirer, String reference, long amount, String currency,
			CardSummary card, Instant now) {
		if (amount <= 0) {
			throw new IllegalArgumentException("amount must be positive");
		}
		return new Authorization(id, acquirer, reference, amount, currency, card, AuthorizationStatus.AUTHORIZED, null,
				now);
	}

	static Authorization declined(String id, Acquirer acquirer, String reference, long amount, String currency,
			CardSummary card, String declineCode, Instant now) {
		return new Authorization(id, acquirer, reference, amount, currency, card, AuthorizationStatus.DECLINED,
				declineCode, now);
	}

	/**
	 * A card the issuer wants authenticated: it waits in {@code requires_action} at
	 * {@code redirectUrl} until the challenge is completed.
	 */
	static Authorization challenged(String id, Acquirer acquirer, String reference, long amount, String currency,
			CardSummary card, Challenge challenge, String redirectUrl, String returnUrl, Instant now) {
		Authorization authorization = new Authorization(id, acquirer, reference, amount, currency, card,
				AuthorizationStatus.REQUIRES_ACTION, null, now);
		authorization.challenge = challenge;
		authorization.redirectUrl = redirectUrl;
		authorization.returnUrl = returnUrl;
		return authorization;
	}

	/** Where the cardholder goes after the challenge, if the merchant said. */
	synchronized String returnUrl() {
		return this.returnUrl;
	}

	/** A wallet's card, approved by its issuer. */
	static Authorization approvedWallet(String id, Acquirer acquirer, String reference, long amount, String currency,
			CardSummary card, String walletType, Instant now) {
		return new Authorization(id, acquirer, reference, amount, currency, card, AuthorizationStatus.AUTHORIZED, null,
				now, walletType);
	}

	/** A bank debit submitted to the bank: it settles or fails days later. */
	static Authorization debit(String id, Acquirer acquirer, String reference, long amount, String currency,
			CardSummary account, String type, Instant now) {
		return new Authorization(id, acquirer, reference, amount, currency, account, AuthorizationStatus.PROCESSING,
				null, now, type);
	}

	/**
	 * Completes the 3-D Secure challenge: answers whether the cardholder passed; a
	 * challenge set to fail fails whatever the cardholder did.
	 */
	synchronized boolean completeChallenge(boolean passed) {
		requireStatus(AuthorizationStatus.REQUIRES_ACTION, "complete the challenge of");
		boolean approved = passed && this.challenge != Challenge.ALWAYS_FAILS;
		this.redirectUrl = null;
		if (approved) {
			this.status = AuthorizationStatus.AUTHORIZED;
		}
		else {
			this.status = AuthorizationStatus.DECLINED;
			this.declineCode = "authentication_failed";
		}
		return approved;
	}

	/** Whether the caller asked to capture once the challenge passes. */
	synchronized boolean captureAfterChallenge() {
		return this.challenge == Challenge.PASS_THEN_CAPTURE;
	}

	/** The bank collected the debit: the funds are the merchant's. */
	synchronized void settleDebit(Instant now) {
		requireStatus(AuthorizationStatus.PROCESSING, "settle");
		this.status = AuthorizationStatus.CAPTURED;
		this.amountCaptured = this.amount;
		this.capturedAt = now;
	}

	/**
	 * The bank returned the debit with a reason code: a debit not settled yet fails, a
	 * settled one is taken back.
	 */
	synchronized void returnDebit(String code) {
		if (this.status == AuthorizationStatus.PROCESSING) {
			this.status = AuthorizationStatus.DECLINED;
		}
		else if (this.status == AuthorizationStatus.CAPTURED && this.amountRefunded == 0
				&& !"card".equals(this.paymentMethodType)) {
			this.status = AuthorizationStatus.RETURNED;
		}
		else {
			throw new PspException(PspError.INVALID_STATE,
					"cannot return an authorization that is " + this.status.wireName());
		}
		this.returnCode = code;
	}

	/** The cardholder will dispute this payment once captured. */
	synchronized void disputeOnCapture() {
		this.disputedOnCapture = true;
	}

	synchronized boolean disputedOnCapture() {
		return this.disputedOnCapture;
	}

	/**
	 * A bank debit the bank has not settled or returned, submitted before {@code cutoff}.
	 */
	synchronized boolean debitDueBy(Instant cutoff) {
		return isBankDebit() && this.status == AuthorizationStatus.PROCESSING && !this.createdAt.isAfter(cutoff);
	}

	synchronized boolean isBankDebit() {
		return "sepa_debit".equals(this.paymentMethodType) || "us_bank_account".equals(this.paymentMethodType);
	}

	public long amount() {
		return this.amount;
	}

	public String id() {
		return this.id;
	}

	public Acquirer acquirer() {
		return this.acquirer;
	}

	public String reference() {
		return this.reference;
	}

	public String currency() {
		return this.currency;
	}

	/**
	 * Takes {@code requestedMinor} of the held funds, or all of them when null; a partial
	 * capture releases the rest. Returns the amount captured.
	 */
	synchronized long capture(Long requestedMinor, Instant now) {
		requireStatus(AuthorizationStatus.AUTHORIZED, "capture");
		long amountMinor = (requestedMinor != null) ? requestedMinor : this.amount;
		if (amountMinor <= 0) {
			throw new PspException(PspError.INVALID_REQUEST, "the capture amount must be positive");
		}
		if (amountMinor > this.amount) {
			throw new PspException(PspError.AMOUNT_EXCEEDS_AUTHORIZED,
					"the capture amount exceeds the authorized amount " + this.amount);
		}
		this.status = AuthorizationStatus.CAPTURED;
		this.amountCaptured = amountMinor;
		this.capturedAt = now;
		return amountMinor;
	}

	synchronized void voidHold(Instant now) {
		requireStatus(AuthorizationStatus.AUTHORIZED, "void");
		this.status = AuthorizationStatus.VOIDED;
		this.voidedAt = now;
	}

	/** Gives back {@code requestedMinor}, or everything still refundable when null. */
	synchronized Refund refund(String refundId, Long requestedMinor, String refundReference, Instant now) {
		requireStatus(AuthorizationStatus.CAPTURED, "refund");
		long amountMinor = (requestedMinor != null) ? requestedMinor : refundableMinor();
		if (requestedMinor != null && amountMinor <= 0) {
			throw new PspException(PspError.INVALID_REQUEST, "the refund amount must be positive");
		}
		if (amountMinor <= 0 || amountMinor > refundableMinor()) {
			throw new PspException(PspError.AMOUNT_EXCEEDS_REFUNDABLE,
					"the refund amount exceeds the refundable amount " + refundableMinor());
		}
		Refund refund = new Refund(refundId, this.id, amountMinor, this.currency, refundReference, now);
		this.refunds.add(refund);
		this.amountRefunded += amountMinor;
		return refund;
	}

	synchronized long refundableMinor() {
		return this.amountCaptured - this.amountRefunded;
	}

	/** A consistent snapshot for answers and replays. */
	synchronized AuthorizationView view() {
		return new AuthorizationView(this.id, this.acquirer.pathName(), this.status.wireName(), this.declineCode,
				this.amount, this.currency, this.amountCaptured, this.amountRefunded, this.reference,
				this.paymentMethodType, this.card,
				(this.redirectUrl == null) ? null
						: new AuthorizationView.NextAction("redirect_to_url", this.redirectUrl),
				this.returnCode, this.createdAt, this.capturedAt, this.voidedAt,
				this.refunds.stream().map(RefundView::of).toList());
	}

	private void requireStatus(AuthorizationStatus expected, String action) {
		if (this.status != expected) {
			throw new PspException(PspError.INVALID_STATE,
					"cannot " + action + " an authorization that is " + this.status.wireName());
		}
	}

	/** How a 3-D Secure challenge ends. */
	enum Challenge {

		/** Approved when the cardholder passes; held for capture. */
		PASS,

		/** Approved when the cardholder passes, and captured at once. */
		PASS_THEN_CAPTURE,

		/** Declined whatever the cardholder does. */
		ALWAYS_FAILS

	}

}
