package io.emberpay.console.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The range of a replay as the form gives it: two {@code datetime-local} fields read as
 * UTC, sent to the API as the RFC 3339 times {@code created_gte} and {@code created_lt}.
 * The API checks the range itself (forwards, at most 30 days, not in the future).
 */
record ReplayRange(Instant from, Instant to) {

	private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

	/** The form's default: the last 24 hours, to the minute. */
	static ReplayRange lastDay() {
		Instant now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MINUTES);
		return new ReplayRange(now.minus(Duration.ofHours(24)), now);
	}

	static Optional<ReplayRange> of(String from, String to) {
		try {
			return Optional.of(new ReplayRange(parse(from), parse(to)));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private static Instant parse(String field) {
		// a browser may send seconds too
		String minutes = (field.length() > 16) ? field.substring(0, 16) : field;
		return LocalDateTime.parse(minutes.strip(), FIELD).toInstant(ZoneOffset.UTC);
	}

	String fromField() {
		return FIELD.format(this.from.atOffset(ZoneOffset.UTC));
	}

	String toField() {
		return FIELD.format(this.to.atOffset(ZoneOffset.UTC));
	}

	Map<String, Object> body() {
		return Map.of("created_gte", this.from.toString(), "created_lt", this.to.toString());
	}

}
