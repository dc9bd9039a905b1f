package io.emberpay.fraud.rules;

import java.util.ArrayList;
import java.util.List;

import io.emberpay.fraud.scoring.RiskAssessment;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskScorer;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * Scores by the rules: the sum of the weights of the rules that fired, capped at 100, so
 * each reason's share of the score is plain to a merchant who asks.
 */
public class RuleEngine implements RiskScorer {

	private final List<Rule> rules;

	public RuleEngine(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	@Override
	public RiskAssessment assess(RiskContext context) {
		List<RiskSignal> signals = new ArrayList<>();
		int total = 0;
		for (Rule rule : this.rules) {
			var signal = rule.evaluate(context);
			if (signal.isPresent()) {
				signals.add(signal.get());
				total += signal.get().weight();
			}
		}
		return new RiskAssessment(Math.min(100, total), signals);
	}

}
