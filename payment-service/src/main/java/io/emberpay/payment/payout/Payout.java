package io.emberpay.payment.payout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.payout.PayoutCreated;
import io.emberpay.events.payout.PayoutEvent;
import io.emberpay.events.payout.PayoutFailed;
import io.emberpay.events.payout.PayoutPaid;
import io.emberpay.events.payout.PayoutSnapshot;

/**
 * The payout aggregate: money of one merchant in one currency on its way to one of its
 * bank accounts. Every state change goes through {@link #moveTo}, which refuses a move
 * the state machine does not have, and records the event the repository writes to the
 * outbox with the change.
 */
public final class Payout {

	/** Where the money goes, as much of the bank account as may be shown. */
	public record Destination(String id, String last4, String bankName, String country) {
	}

	private final String id;

	private final String merchantId;

	private final long amount;

	private final String currency;

	private final Destination destination;

	private final boolean automatic;

	private final boolean livemode;

	private final Instant created;

	private PayoutStatus status;

	private String psp;

	private String pspReference;

	private String failureCode;

	private final List<PayoutEvent> events = new ArrayList<>();

	Payout(String id, String merchantId, long amount, String currency, Destination destination, boolean automatic,
			boolean livemode, Instant created, PayoutStatus status, String psp, String pspReference,
			String failureCode) {
		if (amount <= 0) {
			throw new IllegalArgumentException("payout amount must be positive, was " + amount);
		}
		this.id = Objects.requireNonNull(id);
		this.merchantId = Objects.requireNonNull(merchantId);
		this.amount = amount;
		this.currency = Objects.requireNonNull(currency);
		this.destination = Objects.requireNonNull(destination);
		this.automatic = automatic;
		this.livemode = livemode;
		this.created = Objects.requireNonNull(created);
		this.status = Objects.requireNonNull(status);
		this.psp = psp;
		this.pspReference = pspReference;
		this.failureCode = failureCode;
	}

	/**
	 * A new payout whose funds the ledger has just held out of the balance of its mode,
	 * to be sent through {@code psp} under the acquirer account of that mode.
	 */
	static Payout created(String id, String merchantId, long amount, String currency, Destination destination,
			boolean automatic, boolean livemode, String psp, Instant now) {
		Payout payout = new Payout(id, merchantId, amount, currency, destination, automatic, livemode, now,
				PayoutStatus.PENDING, psp, null, null);
		payout.events.add(new PayoutCreated(ResourceIds.event(), now, payout.snapshot()));
		return payout;
	}

	/** The acquirer took the payout under {@code reference}. */
	void sent(String reference) {
		moveTo(PayoutStatus.IN_TRANSIT);
		this.pspReference = reference;
	}

	void paid(Instant now) {
		moveTo(PayoutStatus.PAID);
		this.events.add(new PayoutPaid(ResourceIds.event(), now, snapshot()));
	}

	/** The acquirer refused or returned the payout; the ledger gives the funds back. */
	void failed(String code, Instant now) {
		moveTo(PayoutStatus.FAILED);
		this.failureCode = code;
		this.events.add(new PayoutFailed(ResourceIds.event(), now, snapshot()));
	}

	private void moveTo(PayoutStatus next) {
		if (!this.status.canMoveTo(next)) {
			throw new IllegalPayoutTransition(this.id, this.status, next);
		}
		this.status = next;
	}

	List<PayoutEvent> drainEvents() {
		List<PayoutEvent> drained = List.copyOf(this.events);
		this.events.clear();
		return drained;
	}

	public PayoutSnapshot snapshot() {
		return new PayoutSnapshot(this.id, "payout", this.amount, this.currency, this.status.apiName(), this.merchantId,
				this.destination.id(), this.destination.last4(), this.destination.bankName(),
				this.destination.country(), this.psp, this.pspReference, "standard", this.failureCode, this.created,
				this.livemode);
	}

	public String id() {
		return this.id;
	}

	public String merchantId() {
		return this.merchantId;
	}

	public long amount() {
		return this.amount;
	}

	public String currency() {
		return this.currency;
	}

	public Destination destination() {
		return this.destination;
	}

	public boolean automatic() {
		return this.automatic;
	}

	public boolean livemode() {
		return this.livemode;
	}

	public Instant created() {
		return this.created;
	}

	public PayoutStatus status() {
		return this.status;
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

}
