package io.emberpay.payment.dispute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.dispute.DisputeClosed;
import io.emberpay.events.dispute.DisputeCreated;
import io.emberpay.events.dispute.DisputeEvent;
import io.emberpay.events.dispute.DisputeSnapshot;
import io.emberpay.events.dispute.DisputeUpdated;
import io.emberpay.payment.PaymentError;
import io.emberpay.starter.problem.ApiException;

/**
 * The dispute aggregate: a cardholder's chargeback of one payment. Every state change
 * goes through {@link #moveTo}, which refuses what the state machine does not have, and
 * records the event the repository writes to the outbox with the change.
 */
public final class Dispute {

	private final String id;

	private final String paymentId;

	private final String merchantId;

	private final long amount;

	private final long fee;

	private final String currency;

	private final String reason;

	private final String psp;

	private final String pspReference;

	private final Instant evidenceDueBy;

	private final Instant created;

	private final boolean livemode;

	private DisputeStatus status;

	private final List<DisputeEvent> events = new ArrayList<>();

	Dispute(String id, String paymentId, String merchantId, long amount, long fee, String currency, String reason,
			String psp, String pspReference, Instant evidenceDueBy, Instant created, DisputeStatus status,
			boolean livemode) {
		if (amount <= 0 || fee < 0) {
			throw new IllegalArgumentException("dispute amount must be positive and its fee not negative");
		}
		this.id = Objects.requireNonNull(id);
		this.paymentId = Objects.requireNonNull(paymentId);
		this.merchantId = Objects.requireNonNull(merchantId);
		this.amount = amount;
		this.fee = fee;
		this.currency = Objects.requireNonNull(currency);
		this.reason = reason;
		this.psp = Objects.requireNonNull(psp);
		this.pspReference = Objects.requireNonNull(pspReference);
		this.evidenceDueBy = Objects.requireNonNull(evidenceDueBy);
		this.created = Objects.requireNonNull(created);
		this.status = Objects.requireNonNull(status);
		this.livemode = livemode;
	}

	/** A dispute of a payment, in the payment's mode ({@code livemode}). */
	static Dispute opened(String paymentId, String merchantId, long amount, long fee, String currency, String reason,
			String psp, String pspReference, Instant evidenceDueBy, Instant now, boolean livemode) {
		Dispute dispute = new Dispute(ResourceIds.next("dp"), paymentId, merchantId, amount, fee, currency, reason, psp,
				pspReference, evidenceDueBy, now, DisputeStatus.NEEDS_RESPONSE, livemode);
		dispute.events.add(new DisputeCreated(ResourceIds.event(), now, dispute.snapshot()));
		return dispute;
	}

	/** The merchant's evidence arrived in time: the acquirer reviews it. */
	void evidenceSubmitted(Instant now) {
		if (this.status != DisputeStatus.NEEDS_RESPONSE) {
			throw new ApiException(PaymentError.DISPUTE_STATE_CONFLICT,
					"Dispute " + this.id + " is " + this.status.apiName() + " and takes no more evidence");
		}
		if (now.isAfter(this.evidenceDueBy)) {
			throw new ApiException(PaymentError.DISPUTE_STATE_CONFLICT,
					"Evidence was due by " + this.evidenceDueBy + "; the dispute takes no more");
		}
		moveTo(DisputeStatus.UNDER_REVIEW);
		this.events.add(new DisputeUpdated(ResourceIds.event(), now, snapshot()));
	}

	/** The merchant accepts the dispute: closed as lost. */
	void accept(Instant now) {
		if (this.status != DisputeStatus.NEEDS_RESPONSE) {
			throw new ApiException(PaymentError.DISPUTE_STATE_CONFLICT,
					"Dispute " + this.id + " is " + this.status.apiName() + " and can no longer be accepted");
		}
		close(DisputeStatus.LOST, now);
	}

	/** The acquirer's decision. */
	void decided(boolean won, Instant now) {
		close(won ? DisputeStatus.WON : DisputeStatus.LOST, now);
	}

	private void close(DisputeStatus outcome, Instant now) {
		moveTo(outcome);
		this.events.add(new DisputeClosed(ResourceIds.event(), now, snapshot()));
	}

	private void moveTo(DisputeStatus next) {
		if (!this.status.canMoveTo(next)) {
			throw new IllegalStateException(
					"Dispute " + this.id + " cannot move from " + this.status.apiName() + " to " + next.apiName());
		}
		this.status = next;
	}

	List<DisputeEvent> drainEvents() {
		List<DisputeEvent> drained = List.copyOf(this.events);
		this.events.clear();
		return drained;
	}

	public DisputeSnapshot snapshot() {
		return new DisputeSnapshot(this.id, "dispute", this.paymentId, this.merchantId, this.amount, this.fee,
				this.currency, this.reason, this.status.apiName(), this.psp, this.pspReference, this.evidenceDueBy,
				this.created, this.livemode);
	}

	public String id() {
		return this.id;
	}

	public String merchantId() {
		return this.merchantId;
	}

	public DisputeStatus status() {
		return this.status;
	}

}
