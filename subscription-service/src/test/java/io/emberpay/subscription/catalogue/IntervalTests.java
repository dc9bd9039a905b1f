package io.emberpay.subscription.catalogue;

import java.time.Instant;

import io.emberpay.starter.problem.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalTests {

	private static final Instant JAN_31 = Instant.parse("2026-01-31T10:15:00Z");

	@Test
	void monthEndAnchorRenewsOnTheLastDayOfShortMonthsAndKeepsItsDayAfter() {
		assertThat(Interval.MONTH.periodStart(JAN_31, 1, 1)).isEqualTo("2026-02-28T10:15:00Z");
		assertThat(Interval.MONTH.periodStart(JAN_31, 1, 2)).isEqualTo("2026-03-31T10:15:00Z");
		assertThat(Interval.MONTH.periodStart(JAN_31, 1, 3)).isEqualTo("2026-04-30T10:15:00Z");
		assertThat(Interval.MONTH.periodStart(JAN_31, 1, 4)).isEqualTo("2026-05-31T10:15:00Z");
	}

	@Test
	void leapYearFebruaryEndsOnThe29th() {
		Instant anchor = Instant.parse("2028-01-31T00:00:00Z");

		assertThat(Interval.MONTH.periodStart(anchor, 1, 1)).isEqualTo("2028-02-29T00:00:00Z");
		assertThat(Interval.MONTH.periodStart(anchor, 1, 2)).isEqualTo("2028-03-31T00:00:00Z");
	}

	@Test
	void yearlyAnchorOnLeapDayFallsBackToThe28thAndReturnsToThe29th() {
		Instant anchor = Instant.parse("2028-02-29T12:00:00Z");

		assertThat(Interval.YEAR.periodStart(anchor, 1, 1)).isEqualTo("2029-02-28T12:00:00Z");
		assertThat(Interval.YEAR.periodStart(anchor, 1, 4)).isEqualTo("2032-02-29T12:00:00Z");
	}

	@Test
	void countsMultiplesOfTheIntervalFromTheAnchor() {
		assertThat(Interval.MONTH.periodStart(JAN_31, 3, 1)).isEqualTo("2026-04-30T10:15:00Z");
		assertThat(Interval.WEEK.periodStart(JAN_31, 2, 1)).isEqualTo("2026-02-14T10:15:00Z");
		assertThat(Interval.DAY.periodStart(JAN_31, 1, 0)).isEqualTo(JAN_31);
	}

	@Test
	void refusesCountsBeyondAboutAYear() {
		Interval.MONTH.checkCount(12);
		Interval.DAY.checkCount(365);

		assertThatThrownBy(() -> Interval.MONTH.checkCount(13)).isInstanceOf(ApiException.class)
			.satisfies(ex -> assertThat(((ApiException) ex).param()).isEqualTo("recurring.interval_count"));
		assertThatThrownBy(() -> Interval.YEAR.checkCount(2)).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> Interval.WEEK.checkCount(0)).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> Interval.parse("fortnight")).isInstanceOf(ApiException.class)
			.satisfies(ex -> assertThat(((ApiException) ex).param()).isEqualTo("recurring.interval"));
	}

}
