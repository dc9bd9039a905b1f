package io.emberpay.payment.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCanceled;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentRequiresAction;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.events.payment.RefundSnapshot;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.payment.PaymentError;
import io.emberpay.payment.fraud.FraudVerdict;
import io.emberpay.payment.psp.PspAccount;
import io.emberpay.payment.vault.VaultedCard;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;

/**
 * The payment aggregate. Every state change goes through a method here, which checks the
 * move is allowed by {@link PaymentStatus}, updates the amounts and records the event
 * that the repository writes to the outbox in the same transaction.
 */
public final class Payment {

	private final PaymentFacts facts;

	private PaymentStatus status;

	private long amountCapturable;

	private long amountReceived;

	private long amountRefunded;

	private String psp;

	private String pspReference;

	private String failureCode;

	private String routedAcquirer;

	private String routingReason;

	private String nextActionUrl;

	private final List<PaymentEvent> pendingEvents = new ArrayList<>();

	private final List<PaymentStatus> reachedStatuses = new ArrayList<>();

	Payment(PaymentFacts facts, PaymentStatus status, long amountCapturable, long amountReceived, long amountRefunded,
			String psp, String pspReference, String failureCode) {
		this.facts = facts;
		this.status = status;
		this.amountCapturable = amountCapturable;
		this.amountReceived = amountReceived;
		this.amountRefunded = amountRefunded;
		this.psp = psp;
		this.pspReference = pspReference;
		this.failureCode = failureCode;
	}

	/**
	 * Opens a payment in the state its fraud verdict leads to: approved payments go to
	 * the acquirer, reviewed ones wait for a step-up (or fail when none could be opened),
	 * declined ones fail at once.
	 */
	public static Payment open(PaymentFacts facts, boolean stepUpOpened) {
		FraudVerdict fraud = facts.fraud();
		Payment opened = switch (fraud.decision()) {
			case APPROVE -> new Payment(facts, PaymentStatus.PROCESSING, 0, 0, 0, null, null, null);
			case REVIEW -> {
				if (!stepUpOpened) {
					// Review needs a step-up; a user without a second factor cannot pass
					// one.
					Payment payment = new Payment(facts, PaymentStatus.FAILED, 0, 0, 0, null, null,
							"authentication_required");
					payment.record(new PaymentFailed(ResourceIds.event(), Instant.now(), payment.snapshot()));
					yield payment;
				}
				Payment payment = new Payment(facts, PaymentStatus.REQUIRES_ACTION, 0, 0, 0, null, null, null);
				payment.record(new PaymentRequiresAction(ResourceIds.event(), Instant.now(), payment.snapshot()));
				yield payment;
			}
			case DECLINE -> {
				Payment payment = new Payment(facts, PaymentStatus.FAILED, 0, 0, 0, null, null, "fraud_declined");
				payment.record(new PaymentFailed(ResourceIds.event(), Instant.now(), payment.snapshot()));
				yield payment;
			}
		};
		opened.reachedStatuses.add(opened.status);
		return opened;
	}

	/** Restores the 3-D Secure redirect a stored payment waits on. */
	Payment withNextActionUrl(String url) {
		this.nextActionUrl = url;
		return this;
	}

	/**
	 * The acquirer wants the cardholder to authenticate (3-D Secure) before it decides:
	 * the payment waits in {@code requires_action} with the acquirer's challenge page.
	 */
	public void authenticationRequired(String psp, String pspReference, String redirectUrl) {
		requireStatus(PaymentStatus.PROCESSING, "require authentication");
		moveTo(PaymentStatus.REQUIRES_ACTION, "require authentication");
		this.psp = psp;
		this.pspReference = pspReference;
		this.nextActionUrl = redirectUrl;
		record(new PaymentRequiresAction(ResourceIds.event(), Instant.now(), snapshot()));
	}

	/** Whether the payment waits on the acquirer's 3-D Secure challenge. */
	public boolean awaitsAuthentication() {
		return this.status == PaymentStatus.REQUIRES_ACTION && this.nextActionUrl != null;
	}

	/**
	 * The acquirer's 3-D Secure result arrived: the payment goes back to processing and
	 * the acquirer's decision lands on it as any other.
	 */
	public void authenticationCompleted() {
		if (!awaitsAuthentication()) {
			throw illegal(this.status, "complete authentication");
		}
		moveTo(PaymentStatus.PROCESSING, "complete authentication");
		this.nextActionUrl = null;
	}

	/**
	 * The acquirer took a bank debit: the payment stays processing (for days) until the
	 * acquirer's webhook says the debit settled or came back.
	 */
	public void debitSubmitted(String psp, String pspReference) {
		requireStatus(PaymentStatus.PROCESSING, "submit a debit");
		this.psp = psp;
		this.pspReference = pspReference;
	}

	/** Whether this payment is a bank debit the acquirer is collecting. */
	public boolean awaitsDebitSettlement() {
		return this.status == PaymentStatus.PROCESSING && this.facts.card().isBankDebit() && this.pspReference != null;
	}

	/**
	 * The bank returned a debit that had already settled (an R-code or SEPA reason): the
	 * payment fails and its settled amount is taken back, which the ledger reverses.
	 */
	public void debitReturned(String code) {
		if (!this.facts.card().isBankDebit() || this.status != PaymentStatus.SUCCEEDED) {
			throw illegal(this.status, "be returned");
		}
		moveTo(PaymentStatus.FAILED, "be returned");
		this.failureCode = code;
		record(new PaymentFailed(ResourceIds.event(), Instant.now(), snapshot()));
	}

	/** The user passed the step-up challenge; the payment may go to the acquirer. */
	public void stepUpPassed() {
		moveTo(PaymentStatus.PROCESSING, "confirm");
	}

	/**
	 * Whether the payment waits on the review fraud screening asked for: the customer's
	 * step-up or an operator's verdict, whichever comes first.
	 */
	public boolean awaitsReview() {
		return this.status == PaymentStatus.REQUIRES_ACTION && this.nextActionUrl == null
				&& this.facts.fraud().decision() == FraudVerdict.Decision.REVIEW;
	}

	/** An operator approved the payment in review: it may go to the acquirer. */
	public void reviewApproved() {
		if (!awaitsReview()) {
			throw illegal(this.status, "be approved in review");
		}
		moveTo(PaymentStatus.PROCESSING, "be approved in review");
	}

	/**
	 * An operator declined the payment in review: it fails as a fraud decline, and the
	 * acquirer never saw it, so nothing is charged or held.
	 */
	public void reviewDeclined() {
		if (!awaitsReview()) {
			throw illegal(this.status, "be declined in review");
		}
		fail("fraud_declined");
	}

	/**
	 * The acquirer authorized: manual payments wait for capture, automatic ones were
	 * captured in the same call and succeed (authorized, captured, succeeded events in
	 * that order).
	 */
	public void authorized(String psp, String pspReference, boolean captured) {
		requireStatus(PaymentStatus.PROCESSING, "authorize");
		this.psp = psp;
		this.pspReference = pspReference;
		this.amountCapturable = this.facts.amount().amountMinor();
		if (this.facts.captureMethod() == CaptureMethod.AUTOMATIC && captured) {
			record(new PaymentAuthorized(ResourceIds.event(), Instant.now(), snapshot()));
			settleCapture(this.facts.amount().amountMinor());
			return;
		}
		// Manual payments wait for the merchant. An automatic one the acquirer held but
		// did
		// not capture stays capturable too: the hold is real money, not an error.
		moveTo(PaymentStatus.REQUIRES_CAPTURE, "authorize");
		record(new PaymentAuthorized(ResourceIds.event(), Instant.now(), snapshot()));
	}

	public void declined(String psp, String pspReference, String declineCode) {
		this.psp = psp;
		this.pspReference = pspReference;
		fail(declineCode);
	}

	public void fail(String code) {
		moveTo(PaymentStatus.FAILED, "fail");
		this.failureCode = code;
		this.amountCapturable = 0;
		record(new PaymentFailed(ResourceIds.event(), Instant.now(), snapshot()));
	}

	/** Checks a capture before the acquirer is asked; answers the amount to capture. */
	public long checkCapture(Long requested) {
		requireStatus(PaymentStatus.REQUIRES_CAPTURE, "capture");
		long amount = (requested == null) ? this.amountCapturable : requested;
		if (amount <= 0) {
			throw ApiException.invalid("amount", "amount must be a positive integer in minor units");
		}
		if (amount > this.amountCapturable) {
			throw new ApiException(PaymentError.AMOUNT_TOO_LARGE,
					"amount " + amount + " is above the authorized " + this.amountCapturable, "amount");
		}
		return amount;
	}

	/** The acquirer captured {@code amount}; any rest of the hold is released. */
	public void captured(long amount) {
		checkCapture(amount);
		settleCapture(amount);
	}

	private void settleCapture(long amount) {
		moveTo(PaymentStatus.SUCCEEDED, "capture");
		this.amountReceived = amount;
		this.amountCapturable = 0;
		record(new PaymentCaptured(ResourceIds.event(), Instant.now(), snapshot()));
		record(new PaymentSucceeded(ResourceIds.event(), Instant.now(), snapshot()));
	}

	/** Whether a cancel needs the acquirer to release a hold first. */
	public boolean cancelNeedsVoid() {
		if (this.status == PaymentStatus.PROCESSING) {
			throw new ApiException(PaymentError.PAYMENT_STATE_CONFLICT,
					"Payment " + id() + " is processing at the acquirer; cancel once it is authorized");
		}
		if (!this.status.canMoveTo(PaymentStatus.CANCELED)) {
			throw illegal(this.status, "cancel");
		}
		return this.status == PaymentStatus.REQUIRES_CAPTURE;
	}

	public void cancel() {
		cancelNeedsVoid();
		moveTo(PaymentStatus.CANCELED, "cancel");
		this.amountCapturable = 0;
		record(new PaymentCanceled(ResourceIds.event(), Instant.now(), snapshot()));
	}

	/** What may still be refunded, given refunds already reserved but not yet settled. */
	public long refundable(long pendingRefunds) {
		if (this.status != PaymentStatus.SUCCEEDED && this.status != PaymentStatus.PARTIALLY_REFUNDED) {
			throw new ApiException(PaymentError.REFUND_STATE_CONFLICT,
					"Payment " + id() + " is " + this.status.apiName() + "; only succeeded payments can be refunded");
		}
		return this.amountReceived - this.amountRefunded - pendingRefunds;
	}

	public void refunded(RefundSnapshot refund) {
		long total = this.amountRefunded + refund.amount();
		if (total > this.amountReceived) {
			throw new IllegalStateException("Refunds of " + id() + " would exceed the captured amount");
		}
		moveTo(total == this.amountReceived ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED, "refund");
		this.amountRefunded = total;
		record(new RefundSucceeded(ResourceIds.event(), Instant.now(), refund, snapshot()));
	}

	private void moveTo(PaymentStatus target, String action) {
		if (!this.status.canMoveTo(target)) {
			throw illegal(this.status, action);
		}
		this.status = target;
		this.reachedStatuses.add(target);
	}

	private void requireStatus(PaymentStatus expected, String action) {
		if (this.status != expected) {
			throw illegal(this.status, action);
		}
	}

	private ApiException illegal(PaymentStatus from, String action) {
		return new ApiException(PaymentError.PAYMENT_STATE_CONFLICT,
				"Payment " + id() + " is " + from.apiName() + "; it cannot " + action);
	}

	private void record(PaymentEvent event) {
		this.pendingEvents.add(event);
	}

	List<PaymentEvent> drainEvents() {
		List<PaymentEvent> events = List.copyOf(this.pendingEvents);
		this.pendingEvents.clear();
		return events;
	}

	/** The states this payment reached since it was last stored, oldest first. */
	List<PaymentStatus> drainReachedStatuses() {
		List<PaymentStatus> reached = List.copyOf(this.reachedStatuses);
		this.reachedStatuses.clear();
		return reached;
	}

	public PaymentSnapshot snapshot() {
		VaultedCard card = this.facts.card();
		FraudVerdict fraud = this.facts.fraud();
		return new PaymentSnapshot(id(), "payment", this.facts.amount().amountMinor(),
				this.facts.amount().currencyCode(), this.status.apiName(), this.facts.captureMethod().apiName(),
				this.amountCapturable, this.amountReceived, this.amountRefunded, this.facts.merchantId(),
				this.facts.userId(), card.id(),
				new PaymentSnapshot.CardSummary(card.brand(), card.last4(), card.bin(), card.country(),
						card.fingerprint(), card.expMonth(), card.expYear()),
				this.psp, this.pspReference, this.failureCode, this.facts.description(), this.facts.metadata(),
				new PaymentSnapshot.FraudSummary(fraud.score(), fraud.decision().apiName(), fraud.reasons()),
				new PaymentSnapshot.DeviceContext(this.facts.deviceId(), this.facts.ip()), this.facts.livemode(),
				this.facts.requestId(), this.facts.created());
	}

	public String id() {
		return this.facts.id();
	}

	public PaymentFacts facts() {
		return this.facts;
	}

	public PaymentStatus status() {
		return this.status;
	}

	public long amountCapturable() {
		return this.amountCapturable;
	}

	public long amountReceived() {
		return this.amountReceived;
	}

	public long amountRefunded() {
		return this.amountRefunded;
	}

	public String psp() {
		return this.psp;
	}

	public String pspReference() {
		return this.pspReference;
	}

	public String failureCode() {
		return this.failureCode;
	}

	/** As stored: the acquirer routing last sent the payment to, and why. */
	void routed(String acquirer, String reason) {
		this.routedAcquirer = acquirer;
		this.routingReason = reason;
	}

	/**
	 * Names the acquirer a new processing payment will be sent to first, and why, so that
	 * its insert records the route and the common path needs no separate write before the
	 * acquirer call.
	 */
	public void routeFirstTo(String acquirer, String reason) {
		if (this.status != PaymentStatus.PROCESSING || this.psp != null) {
			throw new IllegalStateException("Payment " + id() + " is " + this.status.apiName() + "; it is not routed");
		}
		routed(acquirer, reason);
	}

	/** Whether the stored route already names this acquirer for this reason. */
	public boolean routedTo(String acquirer, String reason) {
		return Objects.equals(this.routedAcquirer, acquirer) && Objects.equals(this.routingReason, reason);
	}

	/**
	 * The acquirer that holds the payment, or while its answer is not known, the one it
	 * was sent to.
	 */
	public String acquirer() {
		return (this.psp != null) ? this.psp : this.routedAcquirer;
	}

	/**
	 * Why routing chose the acquirer: the strategy ({@code priority},
	 * {@code lowest_cost}, {@code authorization_rate}) or {@code failover}.
	 */
	public String routingReason() {
		return this.routingReason;
	}

	/** The acquirer's 3-D Secure page while the payment waits on it, else null. */
	public String nextActionUrl() {
		return this.nextActionUrl;
	}

	/** Whose acquirer account every call about this payment is made under. */
	public PspAccount pspAccount() {
		return new PspAccount(this.facts.merchantId(), this.facts.livemode());
	}

	/** The acquirer idempotency key of this payment's authorization: stable forever. */
	public String authorizationKey() {
		return id() + ".authorize";
	}

	/**
	 * What never changes after creation.
	 *
	 * @param amount the amount and currency
	 * @param card the vaulted card, by reference and public summary only
	 */
	public record PaymentFacts(String id, String userId, String merchantId, Money amount, CaptureMethod captureMethod,
			VaultedCard card, String description, Map<String, String> metadata, FraudVerdict fraud, String deviceId,
			String ip, boolean livemode, String requestId, Instant created, String returnUrl) {

		public PaymentFacts {
			metadata = Map.copyOf(metadata);
		}

		/** A payment with nowhere to send the customer back after 3-D Secure. */
		public PaymentFacts(String id, String userId, String merchantId, Money amount, CaptureMethod captureMethod,
				VaultedCard card, String description, Map<String, String> metadata, FraudVerdict fraud, String deviceId,
				String ip, boolean livemode, String requestId, Instant created) {
			this(id, userId, merchantId, amount, captureMethod, card, description, metadata, fraud, deviceId, ip,
					livemode, requestId, created, null);
		}

	}

}
