package io.emberpay.starter.problem;

import org.springframework.http.HttpStatus;

/** Error codes shared by every service. */
public enum CommonError implements ErrorCode {

	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
	MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"), INVALID_AMOUNT(HttpStatus.BAD_REQUEST, "Invalid amount"),
	INVALID_CURRENCY(HttpStatus.BAD_REQUEST, "Invalid currency"),
	IDEMPOTENCY_KEY_MISSING(HttpStatus.BAD_REQUEST, "Idempotency-Key header missing"),
	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"), FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed"),
	MFA_REQUIRED(HttpStatus.FORBIDDEN, "This action needs a token obtained with MFA"),
	NOT_FOUND(HttpStatus.NOT_FOUND, "Resource not found"),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"), STATE_CONFLICT(HttpStatus.CONFLICT, "State conflict"),
	IDEMPOTENCY_REQUEST_IN_PROGRESS(HttpStatus.CONFLICT, "Request with this Idempotency-Key is in progress"),
	IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused with a different request"),
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable"),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private final HttpStatus status;

	private final String title;

	CommonError(HttpStatus status, String title) {
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
