package io.emberpay.fraud.rules.velocity;

import java.util.Map;

import io.emberpay.fraud.features.Dimension;
import io.emberpay.fraud.features.StreakScope;
import io.emberpay.fraud.features.VelocityWindows;
import io.emberpay.fraud.features.Window;
import io.emberpay.fraud.rules.Contexts;
import io.emberpay.fraud.risk.PaymentAttempt;
import io.emberpay.fraud.scoring.RiskSignal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VelocityRulesTests {

	private final VelocityCountRule cardPerHour = new VelocityCountRule(Dimension.CARD, Window.HOUR, 5, 40);

	@Test
	void countRuleFiresWhenThisAttemptTakesTheCountPastTheLimit() {
		var context = Contexts.normal().velocity(Dimension.CARD, new VelocityWindows(0, 6, 6, 0, 0, 0)).build();

		assertThat(this.cardPerHour.evaluate(context)).contains(RiskSignal.of("velocity_card_1h", "7 > 5", 40));
	}

	@Test
	void countRuleStaysQuietAtTheLimitAndOnANormalAttempt() {
		var atLimit = Contexts.normal().velocity(Dimension.CARD, new VelocityWindows(0, 4, 4, 0, 0, 0)).build();

		assertThat(this.cardPerHour.evaluate(atLimit)).isEmpty();
		assertThat(this.cardPerHour.evaluate(Contexts.normal().build())).isEmpty();
	}

	@Test
	void countRuleStaysQuietWhenTheAttemptLacksTheKey() {
		PaymentAttempt noCard = new PaymentAttempt("pay_1", "usr_1", "mer_1", 100, "USD", null, null, null, null, null,
				null, null, Contexts.NOW, false, false);
		var context = Contexts.normal()
			.attempt(noCard)
			.velocity(Dimension.CARD, new VelocityWindows(0, 60, 60, 0, 0, 0))
			.build();

		assertThat(this.cardPerHour.evaluate(context)).isEmpty();
	}

	@Test
	void amountRuleAddsThisAttemptAndComparesInItsCurrency() {
		var rule = new VelocityAmountRule(Dimension.USER, Window.DAY, Map.of("usd", 10_000L), 30);
		var over = Contexts.normal()
			.amount(2_000)
			.velocity(Dimension.USER, new VelocityWindows(0, 0, 3, 0, 0, 8_500))
			.build();
		var under = Contexts.normal().velocity(Dimension.USER, new VelocityWindows(0, 0, 3, 0, 0, 8_000)).build();

		assertThat(rule.evaluate(over)).contains(RiskSignal.of("velocity_amount_user_24h", "10500 USD > 10000", 30));
		assertThat(rule.evaluate(under)).isEmpty();
	}

	@Test
	void amountRuleIgnoresCurrenciesWithoutALimit() {
		var rule = new VelocityAmountRule(Dimension.USER, Window.DAY, Map.of("EUR", 1L), 30);

		assertThat(rule.evaluate(Contexts.normal().amount(1_000_000).build())).isEmpty();
	}

	@Test
	void failureStreakFiresFromTheConfiguredNumberOfFailures() {
		var rule = new FailureStreakRule(StreakScope.PAYMENT_CARD, 3, 35);

		assertThat(rule.evaluate(Contexts.normal().failures(StreakScope.PAYMENT_CARD, 3).build()))
			.contains(RiskSignal.of("failed_in_a_row_payment_card", "3 >= 3", 35));
		assertThat(rule.evaluate(Contexts.normal().failures(StreakScope.PAYMENT_CARD, 2).build())).isEmpty();
		assertThat(rule.evaluate(Contexts.normal().failures(StreakScope.PAYMENT_USER, 9).build())).isEmpty();
	}

}
