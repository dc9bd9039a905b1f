package io.emberpay.subscription.billing;

/**
 * Collects an open invoice now (the first invoice of a subscription without trial, or a
 * plan change's proration) instead of waiting for the renewal run. Implemented where
 * renewals are charged.
 */
public interface InvoiceCollection {

	void collectNow(String invoiceId);

}
