package io.emberpay.subscription.catalogue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.Instant;
import java.util.Locale;

import io.emberpay.starter.problem.ApiException;

/**
 * How often a price recurs. {@code maxCount} caps {@code interval_count} at about a year,
 * as card networks expect of recurring charges.
 */
public enum Interval {

	DAY(365), WEEK(52), MONTH(12), YEAR(1);

	private final int maxCount;

	Interval(int maxCount) {
		this.maxCount = maxCount;
	}

	public static Interval parse(String value) {
		if (value != null) {
			for (Interval interval : values()) {
				if (interval.wire().equals(value)) {
					return interval;
				}
			}
		}
		throw ApiException.invalid("recurring.interval", "recurring.interval must be day, week, month or year");
	}

	public void checkCount(int count) {
		if (count < 1 || count > this.maxCount) {
			throw ApiException.invalid("recurring.interval_count",
					"recurring.interval_count must be between 1 and " + this.maxCount + " for interval " + wire());
		}
	}

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The start of period {@code n} (0 is the first): always counted from the anchor,
	 * never from the previous period, so a month-end anchor keeps its day when the month
	 * has it (31 Jan, 28/29 Feb, 31 Mar) instead of drifting to the 28th. Calendar
	 * arithmetic in UTC.
	 */
	public Instant periodStart(Instant anchor, int count, int n) {
		if (n < 0) {
			throw new IllegalArgumentException("period index must not be negative: " + n);
		}
		ZonedDateTime from = anchor.atZone(ZoneOffset.UTC);
		long units = (long) count * n;
		ZonedDateTime start = switch (this) {
			case DAY -> from.plusDays(units);
			case WEEK -> from.plusWeeks(units);
			case MONTH -> from.plusMonths(units);
			case YEAR -> from.plusYears(units);
		};
		return start.toInstant();
	}

}
