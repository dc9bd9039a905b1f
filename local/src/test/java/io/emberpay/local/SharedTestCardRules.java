package io.emberpay.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * fraud-service's production rules, but for what one card used by many shoppers trips:
 * dozens of the suite's shoppers pay with the few card numbers docs/test-cards.md lists,
 * which production would rightly score as one card shared by many users, used too often,
 * for too much, failing in a row. Every other rule stays as production has it, read from
 * the configuration these settings override, so a change to fraud's rules reaches the
 * end-to-end tests.
 */
final class SharedTestCardRules {

	/** A card count no test run reaches; the rule's weight is kept. */
	static final long UNREACHABLE_CARD_COUNT = 100_000;

	/** A card amount, in minor units, no test run reaches. */
	static final long UNREACHABLE_CARD_AMOUNT = 100_000_000_000L;

	private static final String PREFIX = "--emberpay.fraud.rules.";

	private SharedTestCardRules() {
	}

	/**
	 * fraud-service's command-line settings over {@code production} (its
	 * {@code emberpay.fraud.rules}). A list setting is replaced whole, so every entry of
	 * an overridden list is given again, as production has it but for its card limits.
	 */
	@SuppressWarnings("unchecked")
	static List<String> fraudArguments(Map<String, Object> production) {
		List<String> args = new ArrayList<>();
		list(args, "velocity", (List<Map<String, Object>>) production.get("velocity"), rule -> {
			if ("card".equals(rule.get("dimension"))) {
				rule.put("max-count", UNREACHABLE_CARD_COUNT);
			}
		});
		list(args, "amount-velocity", (List<Map<String, Object>>) production.get("amount-velocity"), rule -> {
			if ("card".equals(rule.get("dimension"))) {
				Map<String, Object> amounts = new LinkedHashMap<>((Map<String, Object>) rule.get("max-amount"));
				amounts.replaceAll((currency, amount) -> UNREACHABLE_CARD_AMOUNT);
				rule.put("max-amount", amounts);
			}
		});
		list(args, "failure-streak", (List<Map<String, Object>>) production.get("failure-streak"), rule -> {
			if ("payment_card".equals(rule.get("scope"))) {
				rule.put("weight", 0);
			}
		});
		args.add(PREFIX + "users-per-card.weight=0");
		return args;
	}

	private static void list(List<String> args, String name, List<Map<String, Object>> rules,
			Consumer<Map<String, Object>> relax) {
		for (int i = 0; i < rules.size(); i++) {
			Map<String, Object> rule = new LinkedHashMap<>(rules.get(i));
			relax.accept(rule);
			String entry = PREFIX + name + "[" + i + "].";
			rule.forEach((key, value) -> {
				if (value instanceof Map<?, ?> map) {
					map.forEach((inner, innerValue) -> args.add(entry + key + "." + inner + "=" + innerValue));
				}
				else {
					args.add(entry + key + "=" + value);
				}
			});
		}
	}

}
