package io.emberpay.subscription.renewal;

import java.time.Instant;
import java.util.Map;

import io.emberpay.subscription.billing.BillingClock;
import io.emberpay.subscription.billing.Invoice;
import io.emberpay.subscription.billing.InvoiceCollection;
import io.emberpay.subscription.billing.InvoiceStore;
import io.emberpay.subscription.subscription.Subscription;
import io.emberpay.subscription.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charges one claimed invoice off-session and records the outcome. The charge runs
 * outside any database transaction (it may take seconds); the claim's lease keeps other
 * runners off the invoice meanwhile, and the idempotency key derived from the invoice and
 * attempt makes a repeat after a crash answer the first charge instead of making a
 * second.
 */
@Component
class InvoiceCollector implements InvoiceCollection {

	private static final Logger log = LoggerFactory.getLogger(InvoiceCollector.class);

	private final InvoiceStore invoices;

	private final SubscriptionStore subscriptions;

	private final OffSessionCharger charger;

	private final InvoiceSettlement settlement;

	private final TransactionTemplate transactions;

	private final RenewalProperties properties;

	private final RenewalMetrics metrics;

	private final BillingClock clock;

	InvoiceCollector(InvoiceStore invoices, SubscriptionStore subscriptions, OffSessionCharger charger,
			InvoiceSettlement settlement, TransactionTemplate transactions, RenewalProperties properties,
			RenewalMetrics metrics, BillingClock clock) {
		this.invoices = invoices;
		this.subscriptions = subscriptions;
		this.charger = charger;
		this.settlement = settlement;
		this.transactions = transactions;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public void collectNow(String invoiceId) {
		this.invoices.claim(invoiceId, this.clock.now(), this.properties.claimLease())
			.ifPresent(invoice -> collect(invoice, this.clock.now(invoice.testClock())));
	}

	/**
	 * Charges an invoice this runner claimed, at {@code now}: the time of the invoice's
	 * test clock, or real time.
	 */
	void collect(Invoice invoice, Instant now) {
		int attempt = invoice.attemptCount() + 1;
		try {
			if (invoice.amountDue() == 0) {
				this.transactions
					.executeWithoutResult(status -> this.settlement.paid(invoice.id(), attempt, null, now));
				return;
			}
			Subscription subscription = this.subscriptions.find(invoice.subscription()).orElseThrow();
			OffSessionCharger.ChargeOutcome outcome = this.charger
				.charge(new OffSessionCharger.Charge(invoice.merchant(), invoice.customer(),
						subscription.paymentMethod(), invoice.amountDue(), invoice.currency(), invoice.nextAttemptKey(),
						"Subscription " + subscription.id(), Map.of("invoice", invoice.id(), "invoice_attempt",
								String.valueOf(attempt), "subscription", subscription.id()),
						invoice.livemode()));
			record(invoice, attempt, outcome, now);
		}
		catch (RuntimeException ex) {
			log.warn("Collecting invoice {} failed; it is retried after its lease: {}", invoice.id(), ex.toString());
			this.invoices.release(invoice.id(), now.plus(this.properties.unknownOutcomeRetry()));
		}
	}

	private void record(Invoice invoice, int attempt, OffSessionCharger.ChargeOutcome outcome, Instant now) {
		this.metrics.charged(outcome.result());
		switch (outcome.result()) {
			case SUCCEEDED -> this.transactions
				.executeWithoutResult(status -> this.settlement.paid(invoice.id(), attempt, outcome.payment(), now));
			case FAILED -> this.transactions.executeWithoutResult(status -> this.settlement.failed(invoice.id(),
					attempt, outcome.payment(), outcome.failureCode(), now));
			case UNKNOWN -> this.invoices.release(invoice.id(), now.plus(this.properties.unknownOutcomeRetry()));
		}
	}

}
