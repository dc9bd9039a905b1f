package io.emberpay.gateway.problem;

import java.time.Duration;

import org.springframework.http.HttpHeaders;

/**
 * A refusal decided at the edge, rendered as an RFC 9457 problem by
 * {@link ProblemExceptionHandler}. Stackless: a 401 or 429 is expected traffic, not a
 * bug.
 */
public class GatewayProblem extends RuntimeException {

	private final GatewayError error;

	private final Duration retryAfter;

	private final HttpHeaders headers;

	public GatewayProblem(GatewayError error, String detail) {
		this(error, detail, null, HttpHeaders.EMPTY);
	}

	public GatewayProblem(GatewayError error, String detail, Duration retryAfter, HttpHeaders headers) {
		super(detail, null, false, false);
		this.error = error;
		this.retryAfter = retryAfter;
		this.headers = headers;
	}

	public GatewayError error() {
		return this.error;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	public HttpHeaders headers() {
		return this.headers;
	}

}
