package io.emberpay.fraud.rules.device;

import io.emberpay.fraud.rules.Contexts;
import io.emberpay.fraud.scoring.RiskSignal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceRulesTests {

	@Test
	void newDeviceFiresOnlyForAnUnknownDeviceOfAUserWithKnownOnes() {
		var rule = new NewDeviceRule(15);

		assertThat(rule.evaluate(Contexts.normal().devices(false, true).build()))
			.contains(RiskSignal.of("new_device_for_user", "dev-1", 15));
		assertThat(rule.evaluate(Contexts.normal().devices(true, true).build())).isEmpty();
		assertThat(rule.evaluate(Contexts.normal().devices(false, false).build())).isEmpty();
	}

	@Test
	void cardsPerDeviceFiresAboveTheLimit() {
		var rule = new CardsPerDeviceRule(3, 35);

		assertThat(rule.evaluate(Contexts.normal().cardsOnDevice(4).build()))
			.contains(RiskSignal.of("cards_per_device_24h", "4 > 3", 35));
		assertThat(rule.evaluate(Contexts.normal().cardsOnDevice(3).build())).isEmpty();
		assertThat(rule.evaluate(Contexts.normal().build())).isEmpty();
	}

	@Test
	void usersPerCardFiresAboveTheLimit() {
		var rule = new UsersPerCardRule(2, 35);

		assertThat(rule.evaluate(Contexts.normal().usersOnCard(3).build()))
			.contains(RiskSignal.of("users_per_card_24h", "3 > 2", 35));
		assertThat(rule.evaluate(Contexts.normal().build())).isEmpty();
	}

}
