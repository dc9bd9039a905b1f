package io.emberpay.fraud.scoring;

import java.util.List;

/**
 * The answer of {@code POST /internal/v1/scores}: {@code fallback} is true when the
 * decision comes from the configured fallback policy instead of the rules.
 */
public record ScoreResponse(int score, String decision, List<String> reasons, boolean fallback) {

	public ScoreResponse {
		reasons = List.copyOf(reasons);
	}

}
