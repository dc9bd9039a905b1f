package io.emberpay.starter.problem;

import java.time.Duration;

/**
 * A request the API refuses, rendered as an RFC 9457 problem. {@code param} names the
 * offending request field (snake_case) when there is one; {@code retryAfter} sets
 * {@code Retry-After}.
 */
public class ApiException extends RuntimeException {

	private final ErrorCode error;

	private final String param;

	private final Duration retryAfter;

	public ApiException(ErrorCode error, String detail) {
		this(error, detail, null, null);
	}

	public ApiException(ErrorCode error, String detail, String param) {
		this(error, detail, param, null);
	}

	public ApiException(ErrorCode error, String detail, String param, Duration retryAfter) {
		super(detail, null, false, false);
		this.error = error;
		this.param = param;
		this.retryAfter = retryAfter;
	}

	public static ApiException notFound(String what, String id) {
		return new ApiException(CommonError.NOT_FOUND, "No such " + what + ": '" + id + "'", "id");
	}

	public static ApiException invalid(String param, String detail) {
		return new ApiException(CommonError.INVALID_REQUEST, detail, param);
	}

	public ErrorCode error() {
		return this.error;
	}

	public String param() {
		return this.param;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
