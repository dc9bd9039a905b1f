package io.emberpay.psp.payout;

import java.time.Instant;

/**
 * A payout the acquirer took: in transit until {@code arrivesAt}, then paid or failed as
 * its bank account decides ({@code outcome}, {@code failureCode}); an operator may decide
 * it earlier through the admin API. Only the account's last four digits are kept.
 */
public final class SimulatedPayout {

	private final String id;

	private final String reference;

	private final long amount;

	private final String currency;

	private final String last4;

	private final Instant created;

	private final Instant arrivesAt;

	private final String outcome;

	private final String outcomeFailureCode;

	private String status = "in_transit";

	private String failureCode;

	SimulatedPayout(String id, String reference, long amount, String currency, String last4, Instant created,
			Instant arrivesAt, String outcome, String outcomeFailureCode) {
		this.id = id;
		this.reference = reference;
		this.amount = amount;
		this.currency = currency;
		this.last4 = last4;
		this.created = created;
		this.arrivesAt = arrivesAt;
		this.outcome = outcome;
		this.outcomeFailureCode = outcomeFailureCode;
	}

	/**
	 * Decides the payout if it has arrived by {@code now}; true when this call decided
	 * it.
	 */
	synchronized boolean arriveBy(Instant now) {
		if (!"in_transit".equals(this.status) || now.isBefore(this.arrivesAt)) {
			return false;
		}
		return decide(this.outcome, this.outcomeFailureCode);
	}

	/** Decides the payout now; true when it was still in transit. */
	synchronized boolean decide(String status, String failureCode) {
		if (!"in_transit".equals(this.status)) {
			return false;
		}
		this.status = status;
		this.failureCode = "failed".equals(status) ? failureCode : null;
		return true;
	}

	synchronized PayoutView view() {
		return new PayoutView(this.id, "payout", this.status, this.amount, this.currency, this.reference, this.last4,
				this.failureCode, this.created, this.arrivesAt);
	}

	String id() {
		return this.id;
	}

	String reference() {
		return this.reference;
	}

	long amount() {
		return this.amount;
	}

	String currency() {
		return this.currency;
	}

	synchronized String status() {
		return this.status;
	}

}
