package io.emberpay.psp.idempotency;

/**
 * What a keyed call did: its answer, and the authorization it created or changed, so a
 * caller that lost the answer can find that authorization by the key. No authorization
 * when the call changed nothing.
 */
public record Outcome(StoredAnswer answer, String authorizationId) {
}
