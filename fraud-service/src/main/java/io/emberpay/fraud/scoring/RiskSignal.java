package io.emberpay.fraud.scoring;

import java.util.Objects;

import io.emberpay.fraud.risk.Decision;

/**
 * One reason that fired: a stable {@code code}, the values that made it fire (shown to
 * the merchant as {@code code: detail}), its weight in the score, and, for operator lists
 * only, the decision it forces whatever the score ({@code null} otherwise).
 */
public record RiskSignal(String code, String detail, int weight, Decision forced) {

	public RiskSignal {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(detail, "detail");
		if (weight < 0 || weight > 100) {
			throw new IllegalArgumentException("weight must be 0..100, was " + weight);
		}
	}

	public static RiskSignal of(String code, String detail, int weight) {
		return new RiskSignal(code, detail, weight, null);
	}

	/** The reason as merchants read it, e.g. {@code velocity_card_1h: 7 > 5}. */
	public String reason() {
		return this.code + ": " + this.detail;
	}

}
