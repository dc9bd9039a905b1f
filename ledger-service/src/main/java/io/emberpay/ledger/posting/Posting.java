package io.emberpay.ledger.posting;

import java.util.List;
import java.util.Objects;

/**
 * A transaction to be appended to the ledger. {@code cause} (an event id or a scoped
 * idempotency key) is unique: posting the same cause again posts nothing.
 * {@code resolvesHold} names a hold this transaction posts or voids; {@code opensHold}
 * describes the hold its pending legs create.
 */
public record Posting(String cause, String kind, String correlationId, String reference, String resolvesHold,
		HoldTerms opensHold, String actor, String description, byte[] requestHash, List<Leg> legs) {

	public static final int MAX_LEGS = 100;

	public Posting {
		Objects.requireNonNull(cause, "cause");
		Objects.requireNonNull(kind, "kind");
		legs = List.copyOf(legs);
	}

	public static Posting of(String cause, String kind, String correlationId, String reference, List<Leg> legs) {
		return new Posting(cause, kind, correlationId, reference, null, null, null, null, null, legs);
	}

	public Posting resolving(String holdId) {
		return new Posting(this.cause, this.kind, this.correlationId, this.reference, holdId, this.opensHold,
				this.actor, this.description, this.requestHash, this.legs);
	}

	public Posting describedAs(String text) {
		return new Posting(this.cause, this.kind, this.correlationId, this.reference, this.resolvesHold, this.opensHold,
				this.actor, text, this.requestHash, this.legs);
	}

	public Posting opening(HoldTerms hold) {
		return new Posting(this.cause, this.kind, this.correlationId, this.reference, this.resolvesHold, hold,
				this.actor, this.description, this.requestHash, this.legs);
	}

}
