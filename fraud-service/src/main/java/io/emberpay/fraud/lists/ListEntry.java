package io.emberpay.fraud.lists;

import java.time.Instant;

/** One list entry as operators see it. */
public record ListEntry(String list, String value, String action, String reason, String createdBy, Instant created) {

}
