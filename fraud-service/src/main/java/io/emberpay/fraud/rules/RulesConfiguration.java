package io.emberpay.fraud.rules;

import java.util.ArrayList;
import java.util.List;

import io.emberpay.fraud.lists.ListCatalog;
import io.emberpay.fraud.lists.ListName;
import io.emberpay.fraud.rules.amount.AmountAnomalyRule;
import io.emberpay.fraud.rules.device.CardsPerDeviceRule;
import io.emberpay.fraud.rules.device.NewDeviceRule;
import io.emberpay.fraud.rules.offsession.OffSessionRule;
import io.emberpay.fraud.rules.device.UsersPerCardRule;
import io.emberpay.fraud.rules.geo.CountryMismatchRule;
import io.emberpay.fraud.rules.geo.ImpossibleTravelRule;
import io.emberpay.fraud.rules.lists.ListRule;
import io.emberpay.fraud.rules.velocity.FailureStreakRule;
import io.emberpay.fraud.rules.velocity.VelocityAmountRule;
import io.emberpay.fraud.rules.velocity.VelocityCountRule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the rules from their configured limits and weights into the rules engine. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

	@Bean
	RuleEngine ruleEngine(RulesProperties properties, ListCatalog lists) {
		List<Rule> rules = new ArrayList<>();
		for (ListName list : ListName.values()) {
			rules.add(new ListRule(list, lists));
		}
		properties.velocity()
			.forEach(limit -> rules
				.add(new VelocityCountRule(limit.dimension(), limit.window(), limit.maxCount(), limit.weight())));
		properties.amountVelocity()
			.forEach(limit -> rules
				.add(new VelocityAmountRule(limit.dimension(), limit.window(), limit.maxAmount(), limit.weight())));
		properties.failureStreak()
			.forEach(limit -> rules.add(new FailureStreakRule(limit.scope(), limit.minFailures(), limit.weight())));
		RulesProperties.AmountAnomaly anomaly = properties.amountAnomaly();
		rules.add(new AmountAnomalyRule(anomaly.maxZScore(), anomaly.minStdDevLog(), anomaly.userMinSamples(),
				anomaly.userWeight(), anomaly.merchantMinSamples(), anomaly.merchantWeight()));
		rules.add(new NewDeviceRule(properties.newDeviceWeight()));
		rules.add(new CardsPerDeviceRule(properties.cardsPerDevice().max(), properties.cardsPerDevice().weight()));
		rules.add(new UsersPerCardRule(properties.usersPerCard().max(), properties.usersPerCard().weight()));
		rules.add(new CountryMismatchRule(properties.countryMismatchWeight()));
		RulesProperties.ImpossibleTravel travel = properties.impossibleTravel();
		rules.add(new ImpossibleTravelRule(travel.maxSpeedKmh(), travel.minDistanceKm(), travel.weight()));
		RulesProperties.OffSession offSession = properties.offSession();
		rules.add(new OffSessionRule(offSession.presentDeviceWeight(), offSession.maxTimesUsualAmount(),
				offSession.minUserSamples(), offSession.unusualAmountWeight()));
		return new RuleEngine(rules);
	}

}
