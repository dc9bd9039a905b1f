package io.emberpay.notification.webhook.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.emberpay.starter.problem.ApiException;

/**
 * The half-open range {@code [createdGte, createdLt)} of event creation times a replay
 * covers: bounded (at most {@link #MAX_SPAN}), forwards, and not reaching into the
 * future, so one request can never sweep a merchant's whole history.
 */
record ReplayRange(Instant createdGte, Instant createdLt) {

	static final Duration MAX_SPAN = Duration.ofDays(30);

	static ReplayRange parse(String createdGte, String createdLt, Instant now) {
		Instant from = time("created_gte", createdGte);
		Instant to = time("created_lt", createdLt);
		if (!to.isAfter(from)) {
			throw ApiException.invalid("created_lt", "created_lt must be after created_gte");
		}
		if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
			throw ApiException.invalid("created_lt", "A replay covers at most 30 days: created_lt - created_gte");
		}
		if (to.isAfter(now)) {
			throw ApiException.invalid("created_lt", "created_lt must not be in the future");
		}
		return new ReplayRange(from, to);
	}

	/** An RFC 3339 time with its offset, as api.md writes times. */
	private static Instant time(String param, String value) {
		if (value == null || value.isBlank()) {
			throw ApiException.invalid(param, param + " is required (an RFC 3339 time)");
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalid(param, param + " must be an RFC 3339 time, like 2026-11-22T01:02:03Z");
		}
	}

}
