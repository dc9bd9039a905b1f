package io.emberpay.fraud.rules.offsession;

import io.emberpay.fraud.features.AmountStats;
import io.emberpay.fraud.rules.Contexts;
import io.emberpay.fraud.rules.device.NewDeviceRule;
import io.emberpay.fraud.scoring.RiskSignal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffSessionRuleTests {

	private final OffSessionRule rule = new OffSessionRule(50, 5, 3, 40);

	/** Three earlier payments of 10.00: a geometric mean of 1000 minor units. */
	private final AmountStats usual = AmountStats.EMPTY.add(1000).add(1000).add(1000);

	@Test
	void staysQuietForAnOrdinaryRenewal() {
		assertThat(this.rule.evaluate(Contexts.normal().offSession().amount(1999).userAmounts(this.usual).build()))
			.isEmpty();
	}

	@Test
	void firesWhenAnOffSessionChargeIsFarAboveWhatTheUserPays() {
		assertThat(this.rule.evaluate(Contexts.normal().offSession().amount(5001).userAmounts(this.usual).build()))
			.contains(RiskSignal.of("off_session_unusual_amount", "5001", 40));
		assertThat(this.rule.evaluate(Contexts.normal().offSession().amount(5001).build()))
			.as("no history to compare with")
			.isEmpty();
	}

	@Test
	void firesWhenAnOffSessionChargeCarriesADevice() {
		var present = Contexts.normal().offSession().build();
		var withDevice = Contexts.normal()
			.attempt(new io.emberpay.fraud.risk.PaymentAttempt("pay_1", "usr_1", "mer_1", 1999, "USD", "fp_card_0001",
					"424242", "US", "dev-9", null, null, null, Contexts.NOW, true, false))
			.build();

		assertThat(this.rule.evaluate(present)).isEmpty();
		assertThat(this.rule.evaluate(withDevice)).contains(RiskSignal.of("off_session_device_present", "dev-9", 50));
	}

	@Test
	void leavesOnSessionPaymentsToTheOtherRulesAndDeviceRulesQuietOffSession() {
		assertThat(this.rule.evaluate(Contexts.normal().amount(999_999).userAmounts(this.usual).build())).isEmpty();
		assertThat(new NewDeviceRule(15).evaluate(Contexts.normal().offSession().devices(false, true).build()))
			.isEmpty();
	}

}
