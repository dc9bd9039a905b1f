package io.emberpay.fraud.thresholds;

import io.emberpay.fraud.risk.Decision;

/**
 * Scores at or above {@code reviewAt} need a step-up; at or above {@code declineAt} the
 * payment is declined.
 */
public record Thresholds(int reviewAt, int declineAt) {

	public Thresholds {
		if (reviewAt < 1 || declineAt > 100 || reviewAt > declineAt) {
			throw new IllegalArgumentException("thresholds need 1 <= review_at <= decline_at <= 100");
		}
	}

	public Decision decide(int score) {
		if (score >= this.declineAt) {
			return Decision.DECLINE;
		}
		return (score >= this.reviewAt) ? Decision.REVIEW : Decision.APPROVE;
	}

}
