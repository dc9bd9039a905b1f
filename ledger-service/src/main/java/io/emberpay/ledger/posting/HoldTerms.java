package io.emberpay.ledger.posting;

import java.time.Instant;

import io.emberpay.ledger.account.Account;

/**
 * The hold a posting opens: {@code amount} reserved from {@code debit} to {@code credit}
 * for {@code reference} until it is posted, voided or expires.
 */
public record HoldTerms(String reference, Account debit, Account credit, long amount, Instant expiresAt) {
}
