package io.emberpay.psp.idempotency;

/** An answer and whether it is a replay of an earlier request with the same key. */
public record KeyedAnswer(StoredAnswer answer, boolean replayed) {
}
