package io.emberpay.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end tests' fraud rules are production's, from fraud-service's own
 * configuration, but for the card limits the suite's shared test cards would trip.
 */
class SharedTestCardRulesTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyProductionRuleStaysButTheCardLimitsASharedTestCardTrips() throws IOException {
		Map<String, Object> production = productionRules();
		Map<String, String> settings = new HashMap<>();
		for (String arg : SharedTestCardRules.fraudArguments(production)) {
			String[] setting = arg.substring("--emberpay.fraud.rules.".length()).split("=", 2);
			settings.put(setting[0], setting[1]);
		}

		List<Map<String, Object>> velocity = (List<Map<String, Object>>) production.get("velocity");
		assertThat(velocity).anyMatch(rule -> rule.get("dimension").equals("card"));
		for (int i = 0; i < velocity.size(); i++) {
			Map<String, Object> rule = velocity.get(i);
			Object count = rule.get("dimension").equals("card") ? SharedTestCardRules.UNREACHABLE_CARD_COUNT
					: rule.get("max-count");
			assertThat(settings).containsEntry("velocity[" + i + "].max-count", String.valueOf(count))
				.containsEntry("velocity[" + i + "].weight", String.valueOf(rule.get("weight")))
				.containsEntry("velocity[" + i + "].window", String.valueOf(rule.get("window")));
		}
		List<Map<String, Object>> amounts = (List<Map<String, Object>>) production.get("amount-velocity");
		for (int i = 0; i < amounts.size(); i++) {
			Map<String, Object> rule = amounts.get(i);
			for (var limit : ((Map<String, Object>) rule.get("max-amount")).entrySet()) {
				Object amount = rule.get("dimension").equals("card") ? SharedTestCardRules.UNREACHABLE_CARD_AMOUNT
						: limit.getValue();
				assertThat(settings).containsEntry("amount-velocity[" + i + "].max-amount." + limit.getKey(),
						String.valueOf(amount));
			}
		}
		List<Map<String, Object>> streaks = (List<Map<String, Object>>) production.get("failure-streak");
		for (int i = 0; i < streaks.size(); i++) {
			Map<String, Object> rule = streaks.get(i);
			Object weight = rule.get("scope").equals("payment_card") ? 0 : rule.get("weight");
			assertThat(settings).containsEntry("failure-streak[" + i + "].weight", String.valueOf(weight))
				.containsEntry("failure-streak[" + i + "].min-failures", String.valueOf(rule.get("min-failures")));
		}
		assertThat(settings).containsEntry("users-per-card.weight", "0");
	}

	/** fraud-service's application.yml as in the source tree, whatever its jar holds. */
	private static Map<String, Object> productionRules() throws IOException {
		Path repository = Path.of(System.getProperty("emberpay.repo", ".."));
		try (InputStream yaml = Files
			.newInputStream(repository.resolve("fraud-service/src/main/resources/application.yml"))) {
			return FraudServiceRules.of(yaml);
		}
	}

}
