package io.emberpay.subscription.renewal;

import java.time.Instant;
import java.util.Optional;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.subscription.InvoiceEvent;
import io.emberpay.events.subscription.SubscriptionEvent;
import io.emberpay.starter.outbox.OutboxWriter;
import io.emberpay.subscription.billing.BillingClock;
import io.emberpay.subscription.billing.DunningPolicy;
import io.emberpay.subscription.billing.Invoice;
import io.emberpay.subscription.billing.InvoiceStatus;
import io.emberpay.subscription.billing.InvoiceStore;
import io.emberpay.subscription.entitlement.Entitlement;
import io.emberpay.subscription.entitlement.Entitlements;
import io.emberpay.subscription.subscription.Subscription;
import io.emberpay.subscription.subscription.SubscriptionStatus;
import io.emberpay.subscription.subscription.SubscriptionStore;
import io.emberpay.subscription.subscription.SubscriptionEnding;

import org.springframework.stereotype.Component;

/**
 * Records what became of an invoice's charge, from the charge's answer or from
 * payment-service's events, whichever comes first: both run inside the caller's
 * transaction, and an outcome for an invoice that is no longer open, or for another
 * attempt than the current one, changes nothing, so the second arrival is a no-op.
 */
@Component
class InvoiceSettlement {

	private final InvoiceStore invoices;

	private final SubscriptionStore subscriptions;

	private final SubscriptionEnding lifecycle;

	private final Entitlements entitlements;

	private final OutboxWriter outbox;

	private final DunningPolicy dunning;

	private final BillingClock clock;

	InvoiceSettlement(InvoiceStore invoices, SubscriptionStore subscriptions, SubscriptionEnding lifecycle,
			Entitlements entitlements, OutboxWriter outbox, DunningPolicy dunning, BillingClock clock) {
		this.invoices = invoices;
		this.subscriptions = subscriptions;
		this.lifecycle = lifecycle;
		this.entitlements = entitlements;
		this.outbox = outbox;
		this.dunning = dunning;
		this.clock = clock;
	}

	/** The invoice if it is open and {@code attempt} (1-based) is its current attempt. */
	private Optional<Invoice> current(String invoiceId, int attempt) {
		return this.invoices.lock(invoiceId)
			.filter(invoice -> invoice.status() == InvoiceStatus.OPEN)
			.filter(invoice -> attempt == invoice.attemptCount() + 1);
	}

	/**
	 * The time an outcome is recorded at: {@code now}, or the invoice's test clock's
	 * time, whoever reports the outcome.
	 */
	private Instant timeOf(Invoice invoice, Instant now) {
		return (invoice.testClock() == null) ? now : this.clock.now(invoice.testClock());
	}

	void paid(String invoiceId, int attempt, String payment, Instant reportedAt) {
		Optional<Invoice> open = current(invoiceId, attempt);
		if (open.isEmpty()) {
			return;
		}
		Invoice invoice = open.get();
		Instant now = timeOf(invoice, reportedAt);
		this.invoices.markPaid(invoiceId, payment, now);
		Invoice paid = this.invoices.find(invoiceId).orElseThrow();
		this.outbox.append(Topics.SUBSCRIPTIONS,
				new InvoiceEvent.InvoicePaid(ResourceIds.event(), now, paid.snapshot()));
		Subscription subscription = this.subscriptions.lock(invoice.subscription()).orElseThrow();
		if (!subscription.status().isLive()) {
			return;
		}
		Subscription active = subscription.withStatus(SubscriptionStatus.ACTIVE);
		this.subscriptions.update(active);
		this.entitlements.grant(active.merchant(), active.customer(), active.tier(), Entitlement.SOURCE_SUBSCRIPTION,
				active.id(), active.currentPeriodEnd().plus(this.dunning.gracePeriod()), now, active.livemode(),
				active.testClock());
		if (Invoice.REASON_CYCLE.equals(invoice.billingReason())) {
			this.outbox.append(Topics.SUBSCRIPTIONS,
					new SubscriptionEvent.SubscriptionRenewed(ResourceIds.event(), now, active.snapshot()));
		}
		else if (subscription.status() != SubscriptionStatus.ACTIVE) {
			this.outbox.append(Topics.SUBSCRIPTIONS,
					new SubscriptionEvent.SubscriptionUpdated(ResourceIds.event(), now, active.snapshot()));
		}
	}

	/**
	 * A failed attempt: retried on the dunning schedule (the subscription goes
	 * {@code past_due} and keeps its tier through the grace period), or, once the
	 * schedule is used up, the invoice is uncollectible and the subscription ends by
	 * policy.
	 */
	void failed(String invoiceId, int attempt, String payment, String failureCode, Instant reportedAt) {
		Optional<Invoice> open = current(invoiceId, attempt);
		if (open.isEmpty()) {
			return;
		}
		Invoice invoice = open.get();
		Instant now = timeOf(invoice, reportedAt);
		Optional<Instant> next = this.dunning.nextAttempt(invoice.created(), attempt, now);
		this.invoices.markFailed(invoiceId, payment, failureCode, next.orElse(null),
				next.isPresent() ? InvoiceStatus.OPEN : InvoiceStatus.UNCOLLECTIBLE);
		Invoice failed = this.invoices.find(invoiceId).orElseThrow();
		this.outbox.append(Topics.SUBSCRIPTIONS,
				new InvoiceEvent.InvoicePaymentFailed(ResourceIds.event(), now, failed.snapshot()));
		Subscription subscription = this.subscriptions.lock(invoice.subscription()).orElseThrow();
		if (!subscription.status().isLive()) {
			return;
		}
		if (next.isEmpty()) {
			SubscriptionStatus end = (subscription.status() == SubscriptionStatus.INCOMPLETE
					|| this.dunning.exhausted() == DunningPolicy.Exhausted.CANCELED) ? SubscriptionStatus.CANCELED
							: SubscriptionStatus.UNPAID;
			if (end == SubscriptionStatus.UNPAID && subscription.status() != SubscriptionStatus.PAST_DUE) {
				subscription = moveToPastDue(subscription, now);
			}
			this.lifecycle.end(subscription, end, now);
			return;
		}
		if (subscription.status() == SubscriptionStatus.ACTIVE
				|| subscription.status() == SubscriptionStatus.TRIALING) {
			moveToPastDue(subscription, now);
		}
	}

	private Subscription moveToPastDue(Subscription subscription, Instant now) {
		Subscription pastDue = subscription.withStatus(SubscriptionStatus.PAST_DUE);
		this.subscriptions.update(pastDue);
		this.outbox.append(Topics.SUBSCRIPTIONS,
				new SubscriptionEvent.SubscriptionPastDue(ResourceIds.event(), now, pastDue.snapshot()));
		return pastDue;
	}

}
