package io.emberpay.subscription.billing;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProrationTests {

	/** 30 days: 2 592 000 s. */
	private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

	private static final Instant END = Instant.parse("2026-05-01T00:00:00Z");

	@Test
	void upgradeHalfWayCreditsHalfTheOldPriceAndChargesHalfTheNew() {
		Proration proration = Proration.of(999, 1999, START, END, Instant.parse("2026-04-16T00:00:00Z"));

		// 999 / 2 = 499.5 rounds up to 500; 1999 / 2 = 999.5 rounds up to 1000
		assertThat(proration.credit()).isEqualTo(500);
		assertThat(proration.charge()).isEqualTo(1000);
		assertThat(proration.net()).isEqualTo(500);
	}

	@Test
	void roundsEachLineToTheNearestMinorUnitOnItsOwn() {
		// 10 of 30 days left: 1000 / 3 = 333.33 -> 333, 2000 / 3 = 666.67 -> 667
		Proration proration = Proration.of(1000, 2000, START, END, Instant.parse("2026-04-21T00:00:00Z"));

		assertThat(proration.credit()).isEqualTo(333);
		assertThat(proration.charge()).isEqualTo(667);
		assertThat(proration.net()).isEqualTo(334);
	}

	@Test
	void countsTimeInWholeSecondsLeftInThePeriod() {
		Instant changedAt = Instant.parse("2026-04-30T23:59:59.900Z");

		Proration proration = Proration.of(2_592_000, 5_184_000, START, END, changedAt);

		// the change counts from the start of its second: one second left, at one minor
		// unit per second
		assertThat(proration.remainingSeconds()).isEqualTo(1);
		assertThat(proration.credit()).isEqualTo(1);
		assertThat(proration.charge()).isEqualTo(2);
	}

	@Test
	void downgradeOwesNothingAndLeavesACredit() {
		Proration proration = Proration.of(1999, 999, START, END, Instant.parse("2026-04-16T00:00:00Z"));

		assertThat(proration.net()).isEqualTo(-500);
	}

	@Test
	void changeAtTheStartCostsTheFullDifferenceAndAtTheEndNothing() {
		assertThat(Proration.of(999, 1999, START, END, START).net()).isEqualTo(1000);
		assertThat(Proration.of(999, 1999, START, END, END).net()).isZero();
		assertThat(Proration.of(999, 1999, START, END, END.plusSeconds(60)).net()).isZero();
	}

	@Test
	void staysExactForAmountsWhoseProductWithSecondsOverflowsALong() {
		long huge = Long.MAX_VALUE / 4;
		Instant yearEnd = Instant.parse("2027-04-01T00:00:00Z");

		Proration proration = Proration.of(huge, huge, START, yearEnd, START);

		assertThat(proration.credit()).isEqualTo(huge);
		assertThat(proration.net()).isZero();
	}

	@Test
	void roundsAnExactHalfUp() {
		assertThat(Proration.share(1, 1, 2)).isEqualTo(1);
		assertThat(Proration.share(3, 1, 2)).isEqualTo(2);
		assertThat(Proration.share(5, 1, 4)).isEqualTo(1);
		assertThat(Proration.share(7, 1, 4)).isEqualTo(2);
	}

	@Test
	void refusesNegativeAmounts() {
		assertThatThrownBy(() -> Proration.of(-1, 10, START, END, START)).isInstanceOf(IllegalArgumentException.class);
	}

}
