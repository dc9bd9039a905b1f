package io.emberpay.subscription.billing;

import java.time.Instant;
import java.util.List;

import io.emberpay.events.subscription.InvoiceSnapshot;

/**
 * What a user owes for a period or a plan change, collected by an off-session charge of
 * the subscription's payment method. {@code attemptCount} counts failed attempts; the
 * next attempt's idempotency key is derived from the invoice id and that count.
 * {@code testClock} is its subscription's test clock, whose time it is due by.
 */
public record Invoice(String id, String subscription, String merchant, String customer, long amountDue, String currency,
		InvoiceStatus status, String billingReason, Instant periodStart, Instant periodEnd, List<InvoiceLine> lines,
		int attemptCount, Instant nextAttemptAt, String payment, String failureCode, boolean livemode, Instant created,
		Instant paidAt, String testClock) {

	public static final String REASON_CREATE = "subscription_create";

	public static final String REASON_CYCLE = "subscription_cycle";

	public static final String REASON_UPDATE = "subscription_update";

	/**
	 * The idempotency key of the next charge attempt: a replica that re-claims the
	 * invoice after another died mid-charge sends the same key, so payment-service
	 * charges once.
	 */
	public String nextAttemptKey() {
		return this.id + "-attempt-" + (this.attemptCount + 1);
	}

	public InvoiceSnapshot snapshot() {
		return new InvoiceSnapshot(this.id, "invoice", this.merchant, this.customer, this.subscription, this.amountDue,
				this.currency, this.status.wire(), this.billingReason, this.periodStart, this.periodEnd,
				this.attemptCount, (this.status == InvoiceStatus.OPEN) ? this.nextAttemptAt : null, this.payment,
				this.failureCode, this.livemode, this.created);
	}

}
