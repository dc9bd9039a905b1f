package io.emberpay.events.ledger;

import java.time.Instant;
import java.util.List;

import io.emberpay.events.EventType;
import io.emberpay.events.PlatformEvent;

/**
 * Events of ledger-service, published on {@code ledger.events} keyed by transaction id.
 */
public sealed interface LedgerEvent extends PlatformEvent {

	/**
	 * A posted transaction and its legs. {@code livemode}: whether it moved live or test
	 * money (a transaction never moves both); null in events published before the ledger
	 * kept the modes apart, whose money counts as test.
	 */
	@EventType("ledger.transaction_posted")
	record TransactionPosted(String eventId, Instant occurredAt, String transaction, String kind, String cause,
			List<Entry> entries, Boolean livemode) implements LedgerEvent {

		@Override
		public String aggregateId() {
			return transaction;
		}

	}

	@EventType("ledger.reconciliation_exception")
	record ReconciliationException(String eventId, Instant occurredAt, String exception, String psp,
			String pspReference, String problem, long expectedAmount, long reportedAmount,
			String currency) implements LedgerEvent {

		@Override
		public String aggregateId() {
			return exception;
		}

	}

	/** One leg of a posted transaction: positive amount, debit or credit. */
	record Entry(String account, String direction, long amount, String currency) {
	}

}
