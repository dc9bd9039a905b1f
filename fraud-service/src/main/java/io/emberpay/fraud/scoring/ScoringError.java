package io.emberpay.fraud.scoring;

import io.emberpay.starter.problem.ErrorCode;

import org.springframework.http.HttpStatus;

/** Why scoring gave no verdict. */
record ScoringError(String code, HttpStatus status, String title) implements ErrorCode {

	/**
	 * Too many scorings under way, or this one missed its deadline: the service is busy,
	 * which says nothing about the payment's risk, so no decision is guessed.
	 */
	static final ScoringError SCORING_OVERLOADED = new ScoringError("scoring_overloaded",
			HttpStatus.SERVICE_UNAVAILABLE, "Scoring at capacity");

}
