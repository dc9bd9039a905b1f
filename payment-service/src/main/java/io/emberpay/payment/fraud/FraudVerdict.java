package io.emberpay.payment.fraud;

import java.util.List;

/**
 * What fraud screening decided. {@code fallback} marks a verdict our own policy made
 * because fraud-service did not answer; {@code flaggedForReview} marks payments let
 * through under that policy for a human to look at.
 */
public record FraudVerdict(int score, Decision decision, List<String> reasons, boolean fallback,
		boolean flaggedForReview) {

	public FraudVerdict {
		reasons = List.copyOf(reasons);
	}

	public enum Decision {

		APPROVE, REVIEW, DECLINE;

		public String apiName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
