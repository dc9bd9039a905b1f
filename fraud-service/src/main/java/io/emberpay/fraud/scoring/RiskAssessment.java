package io.emberpay.fraud.scoring;

import java.util.List;

import io.emberpay.fraud.risk.Decision;

/** What one {@link RiskScorer} concluded: a score 0..100 and the signals behind it. */
public record RiskAssessment(int score, List<RiskSignal> signals) {

	public RiskAssessment {
		if (score < 0 || score > 100) {
			throw new IllegalArgumentException("score must be 0..100, was " + score);
		}
		signals = List.copyOf(signals);
	}

	/**
	 * The decision an operator list forces: a block beats an allow; {@code null} when no
	 * list matched and the thresholds decide.
	 */
	public Decision forcedDecision() {
		Decision forced = null;
		for (RiskSignal signal : this.signals) {
			if (signal.forced() == Decision.DECLINE) {
				return Decision.DECLINE;
			}
			if (signal.forced() != null) {
				forced = signal.forced();
			}
		}
		return forced;
	}

}
