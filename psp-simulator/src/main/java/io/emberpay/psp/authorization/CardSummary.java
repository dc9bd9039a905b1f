package io.emberpay.psp.authorization;

/** What the acquirer keeps about a card: never the number or the CVC. */
public record CardSummary(String brand, String last4, int expMonth, int expYear) {
}
