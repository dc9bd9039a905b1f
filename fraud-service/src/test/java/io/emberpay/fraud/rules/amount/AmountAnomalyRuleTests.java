package io.emberpay.fraud.rules.amount;

import java.util.stream.LongStream;

import io.emberpay.fraud.features.AmountStats;
import io.emberpay.fraud.rules.Contexts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AmountAnomalyRuleTests {

	private final AmountAnomalyRule rule = new AmountAnomalyRule(3.0, 0.25, 5, 35, 20, 20);

	private final AmountStats usualUser = Contexts.history(1500, 2200, 1800, 2500, 1999, 2100);

	@Test
	void firesOnAnAmountFarAboveTheUsersOwnHistory() {
		var signal = this.rule.evaluate(Contexts.normal().userAmounts(this.usualUser).amount(250_000).build());

		assertThat(signal).hasValueSatisfying(s -> {
			assertThat(s.code()).isEqualTo("amount_anomaly_user");
			assertThat(s.detail()).matches("z [0-9.]+ > 3\\.0");
			assertThat(s.weight()).isEqualTo(35);
		});
	}

	@Test
	void staysQuietOnUsualAmountsAndOnSmallerOnes() {
		assertThat(this.rule.evaluate(Contexts.normal().userAmounts(this.usualUser).amount(2_400).build())).isEmpty();
		assertThat(this.rule.evaluate(Contexts.normal().userAmounts(this.usualUser).amount(50).build())).isEmpty();
	}

	@Test
	void floorsTheDeviationSoAUserWhoAlwaysPaysTheSameIsNotFlaggedForCents() {
		AmountStats constant = Contexts.history(1000, 1000, 1000, 1000, 1000, 1000);

		assertThat(this.rule.evaluate(Contexts.normal().userAmounts(constant).amount(1_200).build())).isEmpty();
		assertThat(this.rule.evaluate(Contexts.normal().userAmounts(constant).amount(3_000).build())).isPresent();
	}

	@Test
	void coldStartComparesWithTheMerchantAndStaysQuietWithoutAnyHistory() {
		AmountStats merchant = Contexts.history(LongStream.rangeClosed(1, 30).map(i -> 1000 + i * 37).toArray());
		AmountStats fewUserPayments = Contexts.history(1000, 1100);

		assertThat(this.rule
			.evaluate(Contexts.normal().userAmounts(fewUserPayments).merchantAmounts(merchant).amount(500_000).build()))
			.hasValueSatisfying(s -> assertThat(s.code()).isEqualTo("amount_anomaly_merchant"));
		assertThat(this.rule.evaluate(Contexts.normal().amount(500_000).build())).isEmpty();
	}

	@Test
	void welfordMatchesTheTwoPassMeanAndVariance() {
		long[] amounts = { 120, 4500, 999, 1, 87000, 1999, 250 };
		AmountStats stats = Contexts.history(amounts);

		double mean = LongStream.of(amounts).mapToDouble(Math::log).average().orElseThrow();
		double variance = LongStream.of(amounts).mapToDouble(a -> Math.pow(Math.log(a) - mean, 2)).sum()
				/ (amounts.length - 1);
		assertThat(stats.samples()).isEqualTo(amounts.length);
		assertThat(stats.meanLog()).isCloseTo(mean, within(1e-9));
		assertThat(stats.stdDevLog()).isCloseTo(Math.sqrt(variance), within(1e-9));
	}

}
