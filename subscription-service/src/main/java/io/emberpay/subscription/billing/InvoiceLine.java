package io.emberpay.subscription.billing;

import java.time.Instant;

/**
 * One line of an invoice: a period of a price, a proration credit (negative) or charge,
 * or credit applied from the subscription's balance (negative).
 */
public record InvoiceLine(String description, long amount, String price, Instant periodStart, Instant periodEnd) {
}
