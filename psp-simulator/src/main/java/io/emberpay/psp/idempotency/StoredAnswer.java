package io.emberpay.psp.idempotency;

/**
 * The answer given to the first request with a key, kept to be given again to every
 * retry: an HTTP status and the body object (an immutable snapshot).
 */
public record StoredAnswer(int status, Object body) {
}
