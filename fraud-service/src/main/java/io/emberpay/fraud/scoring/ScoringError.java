package io.emberpay.fraud.scoring;

import io.emberpay.starter.problem.ErrorCode;

import org.springframework.http.HttpStatus;

/** Why scoring gave no verdict. */
enum ScoringError implements ErrorCode {

	/**
	 * Too many scorings under way, or this one missed its deadline: the service is busy,
	 * which says nothing about the payment's risk, so no decision is guessed.
	 */
	SCORING_OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "Scoring at capacity");

	private final HttpStatus status;

	private final String title;

	ScoringError(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

}
