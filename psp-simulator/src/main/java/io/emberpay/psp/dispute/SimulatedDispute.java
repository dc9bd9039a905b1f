package io.emberpay.psp.dispute;

import java.time.Instant;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;

/**
 * A cardholder's dispute of one captured authorization: open until the acquirer decides
 * it won or lost, once.
 */
final class SimulatedDispute {

	private final String id;

	private final Acquirer acquirer;

	private final String authorizationId;

	private final String reference;

	private final long amount;

	private final String currency;

	private final String reason;

	private final Instant evidenceDueBy;

	private final Instant createdAt;

	private String status = "needs_response";

	private Instant closedAt;

	SimulatedDispute(String id, Acquirer acquirer, String authorizationId, String reference, long amount,
			String currency, String reason, Instant evidenceDueBy, Instant createdAt) {
		this.id = id;
		this.acquirer = acquirer;
		this.authorizationId = authorizationId;
		this.reference = reference;
		this.amount = amount;
		this.currency = currency;
		this.reason = reason;
		this.evidenceDueBy = evidenceDueBy;
		this.createdAt = createdAt;
	}

	String id() {
		return this.id;
	}

	/** The acquirer's decision; a dispute is decided once. */
	synchronized void close(boolean won, Instant now) {
		if (this.closedAt != null) {
			throw new PspException(PspError.INVALID_STATE, "the dispute is already " + this.status);
		}
		this.status = won ? "won" : "lost";
		this.closedAt = now;
	}

	synchronized DisputeView view() {
		return new DisputeView(this.id, this.acquirer.pathName(), this.authorizationId, this.reference, this.amount,
				this.currency, this.reason, this.status, this.evidenceDueBy, this.createdAt, this.closedAt);
	}

}
